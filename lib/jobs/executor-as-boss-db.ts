import { sql, type SQL } from "drizzle-orm";
import type { ConnectionOptions } from "pg-boss";
import type { Executor } from "@/db/client";

/**
 * Lets pg-boss write through a drizzle executor, so `send(…, { db: executorAsBossDb(tx) })`
 * stores the job in the caller's transaction: committed with it, rolled back with it.
 * pg-boss's positional `$n` parameters become drizzle parameters.
 */
export function executorAsBossDb(executor: Executor): NonNullable<ConnectionOptions["db"]> {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, i) => {
        if (i % 2 === 0) chunks.push(sql.raw(part));
        else chunks.push(sql`${asParam(values[Number(part) - 1])}`);
      });
      const rows = await executor.execute(sql.join(chunks));
      return { rows: [...(rows as unknown as unknown[])] };
    },
  };
}

/** As in lib/jobs/boss.ts: plain objects travel as JSON text, like node-postgres sends them. */
function asParam(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date || Array.isArray(value))
    return value;
  return JSON.stringify(value);
}
