import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { DEAD_LETTER_QUEUE } from "./boss";
import { deadJobGenerationId, deadJobRefusal } from "./dead-job-generation";
import { ofBrand } from "./list-dead-jobs";
import { getSender } from "./send-job";

export const retryDeadJobsInput = z.object({
  brandId: z.string().uuid(),
  ids: z.array(z.string().uuid()).min(1).max(1000),
});

export interface RetryDeadJobsResult {
  retried: number;
  /** Dead jobs of the brand that were not sent back, and why (their generation has ended). */
  refused: { id: string; reason: string }[];
}

/**
 * Sends dead jobs of the brand back to the queue they failed in, as new jobs with a fresh
 * set of attempts (pg-boss `redrive`). Ids of another brand, or no longer dead, are skipped:
 * the answer says how many went back. A generation job whose generation has already ended is
 * refused (lib/jobs/dead-job-generation.ts); when every job asked for is refused, that is a
 * `conflict` naming the reason. Processors are idempotent, so a job retried twice by two admins
 * at once has the effect of one run.
 */
export async function retryDeadJobs(
  principal: Principal | null,
  raw: z.input<typeof retryDeadJobsInput>,
): Promise<RetryDeadJobsResult> {
  const input = parseOrThrow(retryDeadJobsInput, raw);
  authorize(principal, "jobs:manage", input.brandId);
  const own = await db().execute<{ id: string; generation_status: string | null }>(sql`
    select j.id, g.status as generation_status
    from pgboss.job j
    left join generations g on g.id = ${deadJobGenerationId} and g.brand_id = ${input.brandId}
    where j.name = ${DEAD_LETTER_QUEUE} and j.state < 'active'
      and j.id in ${input.ids} and ${ofBrand(input.brandId)}`);
  const refused: RetryDeadJobsResult["refused"] = [];
  const allowed: string[] = [];
  for (const row of own) {
    const reason = deadJobRefusal(row.generation_status);
    if (reason) refused.push({ id: row.id, reason });
    else allowed.push(row.id);
  }
  if (allowed.length === 0 && refused.length > 0)
    throw new AppError(
      "conflict",
      refused.length === 1
        ? `Not sent back: ${lowerFirst(refused[0]!.reason)}`
        : `None of the ${refused.length} jobs was sent back: their generations have already ended, and an ended generation is final`,
      { refused },
    );
  if (allowed.length === 0) return { retried: 0, refused };
  const boss = await getSender();
  const retried = await boss.redrive(DEAD_LETTER_QUEUE, { ids: allowed });
  return { retried, refused };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
