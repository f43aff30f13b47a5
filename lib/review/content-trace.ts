import { eq } from "drizzle-orm";
import type { Context } from "@opentelemetry/api";
import { contentRevisions } from "@/db/schema";
import { db } from "@/lib/db";
import { tracingEnabled } from "@/lib/tracing/state";
import { contextFromCarrier } from "@/lib/tracing/trace-context";

/**
 * The trace a revision's content belongs to (the generation that wrote it), for a review
 * decision to continue: one trace follows the content from brief to webhook. Undefined with
 * tracing off (no query then) or for a revision written outside a trace.
 */
export async function contentTraceContext(revisionId: string): Promise<Context | undefined> {
  if (!tracingEnabled()) return undefined;
  const [row] = await db()
    .select({ traceparent: contentRevisions.traceparent })
    .from(contentRevisions)
    .where(eq(contentRevisions.id, revisionId));
  return contextFromCarrier({ traceparent: row?.traceparent ?? undefined });
}
