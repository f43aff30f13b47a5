import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { DEAD_LETTER_QUEUE } from "./boss";
import { ofBrand } from "./list-dead-jobs";
import { getSender } from "./send-job";

export const retryDeadJobsInput = z.object({
  brandId: z.string().uuid(),
  ids: z.array(z.string().uuid()).min(1).max(1000),
});

/**
 * Sends dead jobs of the brand back to the queue they failed in, as new jobs with a fresh
 * set of attempts (pg-boss `redrive`). Ids of another brand, or no longer dead, are skipped:
 * the answer says how many went back. Processors are idempotent, so a job retried twice by
 * two admins at once has the effect of one run.
 */
export async function retryDeadJobs(
  session: Session | null,
  raw: z.input<typeof retryDeadJobsInput>,
): Promise<{ retried: number }> {
  const input = parseOrThrow(retryDeadJobsInput, raw);
  authorize(session, "jobs:manage", input.brandId);
  const own = await db().execute<{ id: string }>(sql`
    select id from pgboss.job
    where name = ${DEAD_LETTER_QUEUE} and state < 'active'
      and id in ${input.ids} and ${ofBrand(input.brandId)}`);
  if (own.length === 0) return { retried: 0 };
  const boss = await getSender();
  const retried = await boss.redrive(DEAD_LETTER_QUEUE, { ids: own.map((r) => r.id) });
  return { retried };
}
