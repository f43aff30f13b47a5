import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { rolloutCandidateWeight, rolloutLastDecision, rolloutsLive } from "@/lib/metrics/rollouts";

/** Live (active or paused) rollouts with their candidate's weight and their last decision. */
export async function readRolloutState(): Promise<void> {
  const rows = await db().execute<{
    brand: string;
    model: string;
    version: string;
    status: string;
    decision: string | null;
    weight: number | null;
    at: number | null;
  }>(sql`
    select b.slug as brand, m.slug as model, v.tag as version, r.status::text as status,
      d.decision::text as decision, d.weight_after as weight, extract(epoch from d.at)::float8 as at
    from rollouts r
    join brands b on b.id = r.brand_id
    join models m on m.id = r.model_id
    join model_versions v on v.id = r.candidate_version_id
    left join lateral (
      select decision, weight_after, at from rollout_decisions
      where rollout_id = r.id order by at desc, id desc limit 1
    ) d on true
    where r.status in ('active', 'paused')`);
  rolloutsLive.reset();
  rolloutCandidateWeight.reset();
  rolloutLastDecision.reset();
  for (const row of rows) {
    rolloutsLive.inc({ brand: row.brand, status: row.status });
    const candidate = { brand: row.brand, model: row.model, version: row.version };
    rolloutCandidateWeight.set(candidate, (row.weight ?? 0) / 100);
    if (row.decision && row.at !== null)
      rolloutLastDecision.set({ ...candidate, decision: row.decision }, row.at);
  }
}
