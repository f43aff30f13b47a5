import type { SendOptions } from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { validationError } from "@/lib/errors";
import { currentTraceCarrier } from "@/lib/tracing/trace-context";
import { JOBS, type JobKey, type JobPayload } from "./contracts";
import { startedSender } from "./send-job";

/**
 * Stores a job inside the caller's transaction (pg-boss runs its INSERT through `tx`): the job
 * exists exactly when the rows it is about commit, so nothing is lost to a crash between the
 * commit and a send, and nothing is sent for a rolled-back change. Returns the job's id, or null
 * when a singleton of it is already queued.
 *
 * The sender must be started before the transaction opens (`await getSender()`): starting it
 * takes other pool connections, and the embedded database holds every other connection
 * while one has a transaction open, so starting it here would wait on itself.
 */
export async function sendJobIn<K extends JobKey>(
  tx: Executor,
  key: K,
  payload: JobPayload<K>,
  options?: Omit<SendOptions, "db">,
): Promise<string | null> {
  const contract = JOBS[key];
  const parsed = contract.schema.safeParse({ ...currentTraceCarrier(), ...payload });
  if (!parsed.success) throw validationError(parsed.error, `Job ${contract.name} has an invalid payload`);
  const boss = startedSender();
  if (!boss) throw new Error(`Job ${contract.name}: call getSender() before opening the transaction`);
  return boss.send(contract.name, parsed.data as object, {
    ...options,
    db: {
      async executeSql(text: string, values?: unknown[]) {
        return { rows: [...(await tx.execute(positional(text, values ?? [])))] };
      },
    },
  });
}

/** pg-boss's `$1`-style statement as drizzle SQL, each placeholder bound to its value. */
function positional(text: string, values: unknown[]): SQL {
  const parts: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    parts.push(sql.raw(text.slice(last, match.index)));
    parts.push(sql`${values[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  parts.push(sql.raw(text.slice(last)));
  return sql.join(parts);
}
