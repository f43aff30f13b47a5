/** Governance metrics are rolled up per version from revisions and review outcomes. */
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { contentRevisions, reviewDecisions, rolloutMetricRollups } from "@/db/schema";
import { db } from "@/lib/db";
import { reviewFixture } from "@/lib/review/testing/review-fixture";
import { analyseRollout } from "./analyse-rollout";
import { getRollout } from "./get-rollout";
import { startRollout } from "./start-rollout";
import { generationModel } from "./testing/rollout-fixtures";

it("rolls up first-pass pass rate, compliance score, approval rate and time to approval per version", async () => {
  const fx = await reviewFixture();
  const m = await generationModel(fx.admin, fx.brandId);
  const started = new Date(Date.now() - 10 * 60_000);
  const rollout = await startRollout(fx.admin, {
    brandId: fx.brandId,
    modelId: m.model.id,
    candidateVersionId: m.candidateId,
    strategy: "ab",
    config: { abWeight: 50, primaryMetric: "check_pass_rate", minSamplesPerArm: 100 },
    now: started,
  });
  const written = [
    { versionId: m.stableId, blocked: false, score: 100, review: "published" },
    { versionId: m.stableId, blocked: false, score: 90, review: "published" },
    { versionId: m.stableId, blocked: false, score: 80, review: null },
    { versionId: m.candidateId, blocked: true, score: 40, review: "rejected" },
    { versionId: m.candidateId, blocked: false, score: 70, review: "published" },
  ] as const;
  for (const w of written) {
    const item = await fx.createItem({ author: fx.admin, submit: false });
    // Revisions are immutable in the database (a trigger); this fixture rewrites one as if the
    // generation had produced it, with the trigger bypassed as only the migrations' owner can.
    const [revision] = await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      return tx
        .update(contentRevisions)
        .set({ modelVersionId: w.versionId, blocked: w.blocked, score: w.score })
        .where(eq(contentRevisions.id, item.revisionId))
        .returning();
    });
    if (w.review)
      await db()
        .insert(reviewDecisions)
        .values({
          contentItemId: item.id,
          revisionId: item.revisionId,
          action: w.review,
          createdAt: new Date(revision!.createdAt.getTime() + 30_000),
        });
  }
  // Revisions and reviews are read once they have settled (a minute old).
  await analyseRollout({
    actor: { kind: "system" },
    rolloutId: rollout.id,
    now: new Date(Date.now() + 120_000),
  });

  const totals = async (metric: string, versionId: string) => {
    const rows = await db()
      .select()
      .from(rolloutMetricRollups)
      .where(
        and(
          eq(rolloutMetricRollups.rolloutId, rollout.id),
          eq(rolloutMetricRollups.metric, metric),
          eq(rolloutMetricRollups.versionId, versionId),
        ),
      );
    return rows.reduce((a, r) => ({ n: a.n + r.n, sum: a.sum + r.sum }), { n: 0, sum: 0 });
  };
  expect(await totals("check_pass_rate", m.stableId)).toEqual({ n: 3, sum: 3 });
  expect(await totals("check_pass_rate", m.candidateId)).toEqual({ n: 2, sum: 1 });
  expect(await totals("compliance_score", m.stableId)).toEqual({ n: 3, sum: 270 });
  expect(await totals("approval_rate", m.candidateId)).toEqual({ n: 2, sum: 1 });
  const approval = await totals("time_to_approval_s", m.stableId);
  expect(approval.n).toBe(2);
  expect(approval.sum / approval.n).toBeCloseTo(30, 0);

  const detail = await getRollout(fx.admin, { rolloutId: rollout.id });
  const pass = detail.series.find((s) => s.metric === "check_pass_rate")!.points.at(-1)!;
  expect([pass.stable.value, pass.candidate.value]).toEqual([1, 0.5]);
});
