import { eq } from "drizzle-orm";
import { rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";
import { logger } from "@/lib/log";
import { analyseRollout, type AnalyseRolloutResult } from "./analyse-rollout";

/**
 * The `rollout.analyse.v1` job: one look at each active rollout that is due (or at the one
 * named). Scheduled every minute; each rollout's own interval decides whether it is looked at,
 * so a run repeated at the same moment changes nothing. One rollout failing does not stop the rest.
 */
export async function analyseDueRollouts(
  payload: ParsedJobPayload<"analyseRollouts">,
  now = new Date(),
): Promise<Record<string, AnalyseRolloutResult | { error: string }>> {
  await authorizeJob(payload.actor, "system");
  const ids = payload.rolloutId
    ? [payload.rolloutId]
    : (await db().select({ id: rollouts.id }).from(rollouts).where(eq(rollouts.status, "active"))).map(
        (r) => r.id,
      );
  const results: Record<string, AnalyseRolloutResult | { error: string }> = {};
  for (const id of ids) {
    try {
      results[id] = await analyseRollout({ actor: payload.actor, rolloutId: id, now });
    } catch (err) {
      logger().error({ err, rolloutId: id }, "rollout analysis failed");
      results[id] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  return results;
}
