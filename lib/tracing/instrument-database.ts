/**
 * Database calls as spans. postgres.js has no OpenTelemetry instrumentation and drizzle's own
 * tracer hook is never wired up, so this wraps the one method every drizzle query on
 * postgres.js runs through (a prepared query's execute/all: builders, `db.execute(sql…)`,
 * relational queries, inside transactions or not). Installed only by startTracing, so with
 * tracing off the driver is untouched.
 *
 * A query outside any trace (pg-boss's polling, the webhook dispatcher's claim) records
 * nothing: a span of its own per poll would bury the traces that matter.
 */
import { context, SpanKind, trace } from "@opentelemetry/api";
import {
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
} from "@opentelemetry/semantic-conventions";
import { inSpan } from "./in-span";

type QueryMethod = (this: { queryString?: string }, ...args: unknown[]) => Promise<unknown>;

const MAX_QUERY_TEXT = 2000;
let installed = false;

export async function instrumentDatabase(): Promise<void> {
  if (installed) return;
  installed = true;
  const { PostgresJsPreparedQuery } = await import("drizzle-orm/postgres-js/session");
  const proto = PostgresJsPreparedQuery.prototype as unknown as Record<"execute" | "all", QueryMethod>;
  for (const method of ["execute", "all"] as const) {
    const original = proto[method];
    proto[method] = function traced(this: { queryString?: string }, ...args: unknown[]) {
      if (!trace.getSpan(context.active())) return original.apply(this, args);
      // The parameterised text only: values (emails, key hashes, content) never reach a span.
      const text = this.queryString ?? "";
      const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "QUERY";
      return inSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_DB_SYSTEM_NAME]: "postgresql",
            [ATTR_DB_OPERATION_NAME]: operation,
            [ATTR_DB_QUERY_TEXT]: text.slice(0, MAX_QUERY_TEXT),
          },
        },
        () => original.apply(this, args),
      );
    };
  }
}
