import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rolloutDecisions, rolloutMetricRollups, rollouts } from "@/db/schema";
import { db } from "@/lib/db";
import { abortRollout } from "./abort-rollout";
import { analyseDueRollouts } from "./analyse-due-rollouts";
import { analyseRollout } from "./analyse-rollout";
import { getRollout } from "./get-rollout";
import { listRollouts } from "./list-rollouts";
import { pauseRollout } from "./pause-rollout";
import { promoteRollout } from "./promote-rollout";
import { resumeRollout } from "./resume-rollout";
import { startRollout, type StartRolloutInput } from "./start-rollout";
import {
  adminBrand,
  generationModel,
  generationTraffic,
  labelOf,
  routeOfModel,
} from "./testing/rollout-fixtures";

const config = {
  steps: [
    { weight: 10, minSamplesPerArm: 100, minDurationMinutes: 0 },
    { weight: 50, minSamplesPerArm: 100, minDurationMinutes: 0 },
  ],
  primaryMetric: "latency_ms" as const,
  intervalSeconds: 60,
};

async function setup() {
  const a = await adminBrand();
  const m = await generationModel(a.session, a.brand.id);
  const input: StartRolloutInput = {
    brandId: a.brand.id,
    modelId: m.model.id,
    candidateVersionId: m.candidateId,
    strategy: "canary",
    config,
  };
  return { ...a, ...m, input };
}

const decisions = (id: string) =>
  db()
    .select()
    .from(rolloutDecisions)
    .where(eq(rolloutDecisions.rolloutId, id))
    .orderBy(asc(rolloutDecisions.id));

describe("rollout lifecycle", () => {
  it("lets only admins start, pause, resume, promote or abort", async () => {
    const s = await setup();
    await expect(startRollout(s.marketer, s.input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(startRollout(null, s.input)).rejects.toMatchObject({ code: "unauthorized" });
    const rollout = await startRollout(s.session, s.input);
    for (const act of [pauseRollout, resumeRollout, promoteRollout, abortRollout])
      await expect(act(s.marketer, { rolloutId: rollout.id, reason: "x" })).rejects.toMatchObject({
        code: "forbidden",
      });
    expect((await db().select().from(rollouts).where(eq(rollouts.id, rollout.id)))[0]!.status).toBe("active");
    await expect(listRollouts(s.marketer, { brandId: s.brand.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getRollout(s.marketer, { rolloutId: rollout.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await listRollouts(s.session, { brandId: s.brand.id })).toEqual([
      expect.objectContaining({ id: rollout.id, status: "active", candidateWeight: 10 }),
    ]);
  });

  it("allows one live rollout per model", async () => {
    const s = await setup();
    const first = await startRollout(s.session, s.input);
    await expect(startRollout(s.session, s.input)).rejects.toMatchObject({ code: "conflict" });
    await pauseRollout(s.session, { rolloutId: first.id, reason: "look at it" });
    await expect(startRollout(s.session, s.input)).rejects.toMatchObject({ code: "conflict" });
    await abortRollout(s.session, { rolloutId: first.id, reason: "done" });
    const second = await startRollout(s.session, s.input);
    expect(second.status).toBe("active");
  });

  it("rejects a bad config naming the field, and changes nothing", async () => {
    const s = await setup();
    const bad = [
      {
        ...s.input,
        config: { ...config, steps: [{ weight: 150, minSamplesPerArm: 10, minDurationMinutes: 0 }] },
      },
      { ...s.input, config: { ...config, steps: undefined } },
      { ...s.input, config: { ...config, primaryMetric: "ctr" as const }, strategy: "shadow" as const },
    ];
    const paths = [];
    for (const input of bad) {
      const err = await startRollout(s.session, input).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "validation_failed" });
      paths.push((err as { details: { path: string }[] }).details.map((d) => d.path));
    }
    expect(paths).toEqual([["config.steps.0.weight"], ["config.steps"], ["config.primaryMetric"]]);
    expect(await db().select().from(rollouts).where(eq(rollouts.modelId, s.model.id))).toEqual([]);
    expect(await labelOf(s.model.id, "candidate")).toBeNull();
    expect(await routeOfModel(s.model.id)).toBeUndefined();
  });

  it("pauses to stable, resumes the step, and a promotion moves the stable label", async () => {
    const s = await setup();
    const rollout = await startRollout(s.session, s.input);
    expect(await labelOf(s.model.id, "candidate")).toBe(s.candidateId);
    await pauseRollout(s.session, { rolloutId: rollout.id, reason: "hold on" });
    expect(await routeOfModel(s.model.id)).toMatchObject({ mode: "stable", candidateWeight: 0 });
    await resumeRollout(s.session, { rolloutId: rollout.id, reason: "go on" });
    expect(await routeOfModel(s.model.id)).toMatchObject({
      mode: "split",
      candidateWeight: 10,
      salt: rollout.id,
    });
    await promoteRollout(s.session, { rolloutId: rollout.id, reason: "looks good" });
    expect(await labelOf(s.model.id, "stable")).toBe(s.candidateId);
    await expect(abortRollout(s.session, { rolloutId: rollout.id, reason: "late" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await decisions(rollout.id)).map((d) => d.decision)).toEqual([
      "started",
      "pause",
      "resume",
      "promote",
    ]);
  });

  it("the analysis job run twice at the same moment looks once", async () => {
    const s = await setup();
    const t0 = new Date("2032-01-01T00:00:00Z");
    const rollout = await startRollout(s.session, { ...s.input, now: t0 });
    await generationTraffic({
      modelId: s.model.id,
      stableId: s.stableId,
      candidateId: s.candidateId,
      from: t0,
      seconds: 60,
      units: 300,
      tag: "idem",
      behaviour: { stable: {}, candidate: {} },
    });
    const now = new Date(t0.getTime() + 60_000);
    const job = { actor: { kind: "system" as const }, rolloutId: rollout.id };
    expect(await analyseDueRollouts(job, now)).toEqual({ [rollout.id]: { looked: true, decision: "hold" } });
    const snapshot = async () => ({
      rollout: (await db().select().from(rollouts).where(eq(rollouts.id, rollout.id)))[0],
      rollups: await db()
        .select()
        .from(rolloutMetricRollups)
        .where(eq(rolloutMetricRollups.rolloutId, rollout.id))
        .orderBy(asc(rolloutMetricRollups.metric), asc(rolloutMetricRollups.versionId)),
      decisions: (await decisions(rollout.id)).length,
    });
    const once = await snapshot();
    expect(
      once.rollups.find((r) => r.metric === "error_rate" && r.versionId === s.stableId)?.n,
    ).toBeGreaterThan(200);
    expect(await analyseDueRollouts(job, now)).toEqual({
      [rollout.id]: { looked: false, reason: "not_due" },
    });
    expect(await snapshot()).toEqual(once);

    // Records that arrive late for an already rolled-up bucket are added to it at the next look.
    await generationTraffic({
      modelId: s.model.id,
      stableId: s.stableId,
      candidateId: s.candidateId,
      from: t0,
      seconds: 60,
      units: 100,
      tag: "late",
      behaviour: { stable: {}, candidate: {} },
    });
    await analyseDueRollouts(job, new Date(now.getTime() + 60_000));
    const latency = (await snapshot()).rollups.filter((r) => r.metric === "latency_ms");
    expect(latency).toHaveLength(2);
    expect(latency.reduce((a, r) => a + r.n, 0)).toBe(400);
    for (const r of latency) expect(r.histogram!.reduce((a, c) => a + c, 0)).toBe(r.n);
    await expect(
      analyseDueRollouts({ actor: { kind: "user", userId: s.user.id, brandId: s.brand.id } }, now),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("logs a look an admin asked for as theirs, and refuses a marketer's", async () => {
    const s = await setup();
    const t0 = new Date("2032-03-01T00:00:00Z");
    const rollout = await startRollout(s.session, { ...s.input, now: t0 });
    const look = (userId: string) =>
      analyseRollout({
        actor: { kind: "user", userId, brandId: s.brand.id },
        rolloutId: rollout.id,
        now: new Date(t0.getTime() + 60_000),
      });
    await expect(look(s.marketer.user.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await look(s.session.user.id)).toEqual({ looked: true, decision: "hold" });
    expect((await decisions(rollout.id)).at(-1)).toMatchObject({
      decision: "hold",
      decidedBy: `user:${s.session.user.id}`,
    });
    // The rollout page's log names the person, and the job as the job.
    const log = (await getRollout(s.session, { rolloutId: rollout.id })).decisions;
    expect(log.at(-1)!.decidedByName).toBe(s.session.user.name);
    expect(log.at(-1)!.decidedByName).not.toBeNull();
  });

  it("pauses for a person when configured and the last step stays inconclusive", async () => {
    const s = await setup();
    const t0 = new Date("2032-02-01T00:00:00Z");
    const rollout = await startRollout(s.session, {
      ...s.input,
      strategy: "ab",
      config: {
        abWeight: 50,
        primaryMetric: "latency_ms",
        minSamplesPerArm: 100,
        intervalSeconds: 60,
        pauseForHumanWhenInconclusive: true,
      },
      now: t0,
    });
    await generationTraffic({
      modelId: s.model.id,
      stableId: s.stableId,
      candidateId: s.candidateId,
      from: t0,
      seconds: 60,
      units: 400,
      tag: "same",
      behaviour: { stable: {}, candidate: {} },
    });
    const job = { actor: { kind: "system" as const }, rolloutId: rollout.id };
    expect(await analyseDueRollouts(job, new Date(t0.getTime() + 60_000))).toEqual({
      [rollout.id]: { looked: true, decision: "pause" },
    });
    expect(await routeOfModel(s.model.id)).toMatchObject({ mode: "stable", candidateWeight: 0 });
    expect((await decisions(rollout.id)).at(-1)).toMatchObject({ decision: "pause", decidedBy: "job" });
  });
});
