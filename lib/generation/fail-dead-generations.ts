import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import { DEAD_LETTER_QUEUE } from "@/lib/jobs/boss";
import { JOBS, type ParsedJobPayload } from "@/lib/jobs/contracts";
import { deadJobGenerationId } from "@/lib/jobs/dead-job-generation";
import { deadJobError } from "@/lib/jobs/list-dead-jobs";
import { finishGeneration } from "./finish-generation";

/** Dead jobs looked at per pass; a pass keeps going while it finds full batches. */
const BATCH = 200;

/**
 * Ends as `failed` every generation whose job was dead-lettered while the generation was still
 * queued or running: the job's last attempt died with its worker (the heartbeat lapsed) or ran
 * past its expiry, so no processor was left to record the failure. The reason names the attempts
 * and the last error. Idempotent: finishGeneration only moves a generation that is not final,
 * and a dead job an admin has sent back is no longer in the dead-letter queue.
 */
export async function failDeadGenerations(
  payload: ParsedJobPayload<"failDeadGenerations">,
): Promise<{ failed: number }> {
  await authorizeJob(payload.actor, "system");
  let failed = 0;
  for (;;) {
    const rows = await db().execute<{
      job_id: string;
      generation_id: string;
      retries: number;
      output: unknown;
    }>(sql`
      select j.id as job_id, g.id as generation_id,
        coalesce(j.source_retry_count, 0)::int as retries, j.source_output as output
      from pgboss.job j
      join generations g on g.id = ${deadJobGenerationId}
      where j.name = ${DEAD_LETTER_QUEUE} and j.source_name = ${JOBS.runGeneration.name}
        and j.state < 'active' and g.status in ('queued', 'running')
      order by j.created_on
      limit ${BATCH}`);
    for (const row of rows) {
      const attempts = row.retries + 1;
      const error = deadJobError(row.output) ?? "no error recorded";
      const moved = await finishGeneration(row.generation_id, "failed", {
        reasons: [
          `The generation job failed all ${attempts} attempts and was given up (last error: ${error})`,
        ],
        phase: "job",
        deadJobId: row.job_id,
      });
      if (moved) failed++;
    }
    if (rows.length < BATCH) return { failed };
  }
}
