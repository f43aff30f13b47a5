import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { JOBS } from "@/lib/jobs/contracts";

/**
 * Deletes the generation jobs still waiting (or held by a worker the test killed) for the given
 * brands. Test files share one database and run one after another: a file that queues
 * generations it never runs (the fuzzer, the contract cases) or kills the worker running them
 * (the batch test) would otherwise leave them before the next file's own generations, each
 * failing slowly against an upstream that has since closed.
 */
export async function dropQueuedGenerations(brandIds: string[]): Promise<void> {
  if (brandIds.length === 0) return;
  await db().execute(sql`
    delete from pgboss.job
    where name = ${JOBS.runGeneration.name} and state in ('created', 'retry', 'active')
      and data->>'generationId' in (
        select id::text from generations where brand_id in (${sql.join(
          brandIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`);
}
