/**
 * Cost per approved item is a rollout metric: rolled up per version from what the generation
 * behind each published item cost, and as a guardrail it aborts a candidate that costs three
 * times as much per approved item even though reviewers approve it just as often.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { contentRevisions, generationAttempts, reviewDecisions, rolloutMetricRollups } from "@/db/schema";
import { db } from "@/lib/db";
import { reviewFixture } from "@/lib/review/testing/review-fixture";
import { analyseRollout } from "./analyse-rollout";
import { startRollout } from "./start-rollout";
import { generationModel } from "./testing/rollout-fixtures";

const PER_ARM = 24;

it("rolls up cost per approved item per version, and its guardrail aborts a candidate three times as dear", async () => {
  const fx = await reviewFixture();
  const m = await generationModel(fx.admin, fx.brandId);
  const started = new Date(Date.now() - 10 * 60_000);
  const rollout = await startRollout(fx.admin, {
    brandId: fx.brandId,
    modelId: m.model.id,
    candidateVersionId: m.candidateId,
    strategy: "ab",
    config: {
      abWeight: 50,
      primaryMetric: "approval_rate",
      minSamplesPerArm: 20,
      // A candidate may cost up to $0.001 more per approved item than stable, no more.
      guardrails: [{ metric: "cost_per_approved_item", tolerance: 0.001 }],
    },
    now: started,
  });

  // Stable's generations cost about $0.001 per item (two rounds for some), the candidate's
  // about $0.003; every item is published, so approval rates are equal.
  for (const [versionId, microPerRound] of [
    [m.stableId, 1000],
    [m.candidateId, 3000],
  ] as const) {
    for (let i = 0; i < PER_ARM; i++) {
      const item = await fx.createItem({ author: fx.admin, submit: false });
      const generationId = randomUUID();
      const rounds = i % 4 === 0 ? 2 : 1;
      const [revision] = await db().transaction(async (tx) => {
        // Revisions are immutable (a trigger); this rewrites one as if the generation had made it.
        await tx.execute(sql`set local session_replication_role = replica`);
        return tx
          .update(contentRevisions)
          .set({ modelVersionId: versionId, generationId })
          .where(eq(contentRevisions.id, item.revisionId))
          .returning();
      });
      await db()
        .insert(generationAttempts)
        .values(
          Array.from({ length: rounds }, (_, r) => ({
            versionId,
            requestId: `gen-${generationId}-r${r + 1}`,
            attempt: 1,
            servedAs: "primary",
            startedAt: new Date(),
            latencyMs: 100,
            tokensIn: 10,
            tokensOut: 10,
            outcome: "ok" as const,
            brandId: fx.brandId,
            costMicroUsd: microPerRound / rounds + (i % 3) * 10,
          })),
        );
      await db()
        .insert(reviewDecisions)
        .values({
          contentItemId: item.id,
          revisionId: item.revisionId,
          action: "published",
          createdAt: new Date(revision!.createdAt.getTime() + 30_000),
        });
    }
  }

  const result = await analyseRollout({
    actor: { kind: "system" },
    rolloutId: rollout.id,
    now: new Date(Date.now() + 120_000),
  });

  const mean = async (versionId: string) => {
    const rows = await db()
      .select()
      .from(rolloutMetricRollups)
      .where(
        and(
          eq(rolloutMetricRollups.rolloutId, rollout.id),
          eq(rolloutMetricRollups.metric, "cost_per_approved_item"),
          eq(rolloutMetricRollups.versionId, versionId),
        ),
      );
    const t = rows.reduce((a, r) => ({ n: a.n + r.n, sum: a.sum + r.sum }), { n: 0, sum: 0 });
    return { n: t.n, mean: t.sum / t.n };
  };
  const stable = await mean(m.stableId);
  const candidate = await mean(m.candidateId);
  expect(stable.n).toBe(PER_ARM);
  expect(candidate.n).toBe(PER_ARM);
  // Plus (i % 3) × 10 micro-dollars per round: about $0.00001 per item on average.
  expect(stable.mean).toBeCloseTo(0.001 + 0.00001, 5);
  expect(candidate.mean).toBeCloseTo(0.003 + 0.00001, 5);

  expect(result).toEqual({ looked: true, decision: "abort" });
  const [decision] = await db().execute<{ reasons: { code: string; metric?: string }[] }>(
    sql`select reasons from rollout_decisions where rollout_id = ${rollout.id} order by id desc limit 1`,
  );
  expect(decision!.reasons).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: "guardrail_breached", metric: "cost_per_approved_item" }),
    ]),
  );
});
