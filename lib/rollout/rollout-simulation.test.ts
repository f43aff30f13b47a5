/**
 * The analysis job end to end on generated records: traffic is written to the database the
 * way the gateway and the events API write it, following the routes the rollout sets, and
 * each look is taken at a fake clock one interval later.
 */
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rolloutDecisions, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { resolveRoute } from "@/lib/models/routing/resolve-route";
import { analyseRollout } from "./analyse-rollout";
import { getRollout } from "./get-rollout";
import { startRollout } from "./start-rollout";
import {
  adminBrand,
  generationModel,
  generationTraffic,
  labelOf,
  personalisationModel,
  placementTraffic,
  routeOfModel,
} from "./testing/rollout-fixtures";

const INTERVAL = 60;
const system = { kind: "system" as const };
const at = (t0: Date, k: number) => new Date(t0.getTime() + k * INTERVAL * 1000);

async function rolloutRow(id: string) {
  const [row] = await db().select().from(rollouts).where(eq(rollouts.id, id));
  return row!;
}

async function decisionsOf(id: string) {
  return db()
    .select()
    .from(rolloutDecisions)
    .where(eq(rolloutDecisions.rolloutId, id))
    .orderBy(asc(rolloutDecisions.id));
}

/** A canary of two steps (first weight, then 50%) at the simulation's interval, started at `now`. */
function startCanary(
  session: Parameters<typeof startRollout>[0],
  target: { brandId: string; modelId: string; candidateVersionId: string },
  opts: {
    firstWeight: number;
    minSamplesPerArm: number;
    minDurationMinutes: number;
    primaryMetric: "latency_ms" | "ctr";
    guarded?: boolean;
    now: Date;
  },
) {
  const step = (weight: number) => ({
    weight,
    minSamplesPerArm: opts.minSamplesPerArm,
    minDurationMinutes: opts.minDurationMinutes,
  });
  return startRollout(session, {
    ...target,
    strategy: "canary",
    config: {
      steps: [step(opts.firstWeight), step(50)],
      primaryMetric: opts.primaryMetric,
      ...(opts.guarded && { guardrails: [{ metric: "error_rate" as const, tolerance: 0.02 }] }),
      intervalSeconds: INTERVAL,
    },
    now: opts.now,
  });
}

describe("rollout analysis on simulated traffic", () => {
  it("aborts a candidate with a 20% error rate within a few intervals; then it gets no new units", async () => {
    const { brand, session } = await adminBrand();
    const m = await generationModel(session, brand.id);
    const t0 = new Date("2031-01-01T00:00:00Z");
    const rollout = await startCanary(
      session,
      { brandId: brand.id, modelId: m.model.id, candidateVersionId: m.candidateId },
      {
        firstWeight: 10,
        minSamplesPerArm: 1_000,
        minDurationMinutes: 10,
        primaryMetric: "latency_ms",
        guarded: true,
        now: t0,
      },
    );
    expect(await routeOfModel(m.model.id)).toMatchObject({ mode: "split", candidateWeight: 10 });

    const MAX_INTERVALS = 6;
    let aborted = -1;
    for (let k = 1; k <= MAX_INTERVALS && aborted < 0; k++) {
      await generationTraffic({
        ...m,
        modelId: m.model.id,
        from: at(t0, k - 1),
        seconds: INTERVAL,
        units: 600,
        tag: `a${k}`,
        behaviour: { stable: { errorRate: 0.01 }, candidate: { errorRate: 0.2 } },
      });
      const r = await analyseRollout({ actor: system, rolloutId: rollout.id, now: at(t0, k) });
      if (r.looked && r.decision === "abort") aborted = k;
    }
    expect(aborted).toBeGreaterThan(0);
    expect((await rolloutRow(rollout.id)).status).toBe("aborted");
    const abort = (await decisionsOf(rollout.id)).at(-1)!;
    expect(abort).toMatchObject({ decision: "abort", decidedBy: "job", weightAfter: 0 });
    expect(abort.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "guardrail_breached", metric: "error_rate" })]),
    );

    const served = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const route = await resolveRoute({
        brandId: brand.id,
        modelId: m.model.id,
        unitKey: `fresh-${i}`,
        principal: null,
      });
      served.add(route.primaryVersionId);
    }
    expect([...served]).toEqual([m.stableId]);
  });

  it("advances a clearly better candidate (CTR) through the canary steps and promotes it", async () => {
    const { brand, session } = await adminBrand();
    const p = await personalisationModel(session, brand.id);
    const t0 = new Date("2031-02-01T00:00:00Z");
    const rollout = await startCanary(
      session,
      { brandId: brand.id, modelId: p.model.id, candidateVersionId: p.candidateId },
      { firstWeight: 20, minSamplesPerArm: 200, minDurationMinutes: 2, primaryMetric: "ctr", now: t0 },
    );
    const weights: number[] = [];
    let promotedAt = -1;
    for (let k = 1; k <= 20 && promotedAt < 0; k++) {
      weights.push((await routeOfModel(p.model.id))!.candidateWeight);
      await placementTraffic({
        brandId: brand.id,
        modelId: p.model.id,
        candidateId: p.candidateId,
        placementId: p.placementId,
        contentId: p.contentId,
        from: at(t0, k - 1),
        seconds: INTERVAL,
        units: 800,
        tag: `b${k}`,
        behaviour: { stable: { ctr: 0.04 }, candidate: { ctr: 0.12 } },
      });
      const r = await analyseRollout({ actor: system, rolloutId: rollout.id, now: at(t0, k) });
      if (r.looked && r.decision === "promote") promotedAt = k;
    }
    expect(promotedAt).toBeGreaterThan(0);
    const kinds = (await decisionsOf(rollout.id)).map((d) => d.decision);
    expect(kinds.filter((d) => d === "advance")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("promote");
    // The first step ran at 20% for at least its 2 minutes before moving to 50%.
    expect(weights.slice(0, 2)).toEqual([20, 20]);
    expect(weights).toContain(50);
    expect(await labelOf(p.model.id, "stable")).toBe(p.candidateId);
    expect((await rolloutRow(rollout.id)).status).toBe("promoted");
    expect(await routeOfModel(p.model.id)).toMatchObject({ mode: "stable", candidateWeight: 0 });

    // What the dashboard reads: rollups and the decision log only.
    const detail = await getRollout(session, { rolloutId: rollout.id });
    const ctr = detail.series.find((x) => x.metric === "ctr")!;
    expect(ctr.points).toHaveLength(promotedAt);
    const last = ctr.points.at(-1)!;
    expect(last.candidate.value!).toBeGreaterThan(last.stable.value!);
    expect(last.candidate.lower!).toBeLessThan(last.candidate.value!);
    expect(ctr.looks.at(-1)!.lower!).toBeGreaterThan(0);
    expect(detail.decisions.map((d) => d.decision).at(-1)).toBe("promote");
    expect(detail.rollout.candidateWeight).toBe(0);
  });

  it("blocks every automatic decision on a sample-ratio mismatch, recording a warning", async () => {
    const { brand, session } = await adminBrand();
    const m = await generationModel(session, brand.id);
    const t0 = new Date("2031-03-01T00:00:00Z");
    const rollout = await startCanary(
      session,
      { brandId: brand.id, modelId: m.model.id, candidateVersionId: m.candidateId },
      {
        firstWeight: 10,
        minSamplesPerArm: 100,
        minDurationMinutes: 0,
        primaryMetric: "latency_ms",
        guarded: true,
        now: t0,
      },
    );
    for (let k = 1; k <= 4; k++) {
      // Broken logging: 30% of units land on the candidate while the route says 10%, and the
      // candidate is also far worse — which must still not trigger an abort.
      await generationTraffic({
        ...m,
        modelId: m.model.id,
        from: at(t0, k - 1),
        seconds: INTERVAL,
        units: 600,
        tag: `c${k}`,
        behaviour: { stable: { errorRate: 0.01 }, candidate: { errorRate: 0.3, latencyMs: 2000 } },
        forceCandidateShare: 0.3,
      });
      expect(await analyseRollout({ actor: system, rolloutId: rollout.id, now: at(t0, k) })).toEqual({
        looked: true,
        decision: "blocked",
      });
    }
    const row = await rolloutRow(rollout.id);
    expect(row).toMatchObject({ status: "active", currentStep: 0, state: {} });
    expect(await routeOfModel(m.model.id)).toMatchObject({ mode: "split", candidateWeight: 10 });
    const looks = (await decisionsOf(rollout.id)).slice(1);
    expect(looks.map((d) => d.decision)).toEqual(["blocked", "blocked", "blocked", "blocked"]);
    expect(looks[0]!.reasons).toEqual([expect.objectContaining({ code: "sample_ratio_mismatch" })]);
    expect(looks.every((d) => d.weightBefore === 10 && d.weightAfter === 10)).toBe(true);
  });
});
