/**
 * Shadow mirroring on the generation pipeline and reviewers' blind comparison, end to end in
 * lib: a generation under a live shadow rollout stores a checked shadow output and serves
 * stable's answer; reviewers' preferences, recorded through the blind page's data, feed the
 * rollout analysis and hold a candidate back.
 */
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, contentRevisions, shadowOutputs, shadowPreferences } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { createGeneration } from "@/lib/generation/create-generation";
import { runGeneration } from "@/lib/generation/run-generation";
import { settleGenerationShadows } from "@/lib/generation/start-generation-shadow";
import { listen } from "@/lib/http/testing/listen";
import { stopSender } from "@/lib/jobs/send-job";
import { createModel } from "@/lib/models/registry/create-model";
import { createModelVersion } from "@/lib/models/registry/create-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { nextBlindPair } from "@/lib/review/blind/next-blind-pair";
import { recordPreference } from "@/lib/review/blind/record-preference";
import { analyseRollout } from "@/lib/rollout/analyse-rollout";
import { getRollout } from "@/lib/rollout/get-rollout";
import { startRollout } from "@/lib/rollout/start-rollout";
import type { RolloutConfigInput } from "@/lib/rollout/rollout-config";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";

const STABLE_POST = "A calm walk in the hills this weekend, dry in our rain jacket.";
const CANDIDATE_POST = "Our bulletproof rain jacket laughs at every storm.";

/** Answers for `held-model` wait until the test lets them go. */
let releaseHeld: () => void = () => undefined;
let held = new Promise<void>((resolve) => (releaseHeld = resolve));

/** An OpenAI-compatible upstream that answers by the model asked for: stable or candidate. */
const upstream = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { model?: string };
    if (body.model === "held-model") await held;
    if (body.model === "failing-model") {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "model refuses", type: "invalid_request_error" } }));
      return;
    }
    const post = body.model !== "stable-model" ? CANDIDATE_POST : STABLE_POST;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "x",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: JSON.stringify({ post }) },
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  });
});

let close: () => Promise<void>;
let baseUrl: string;

beforeAll(async () => {
  const server = await listen(upstream);
  close = server.close;
  baseUrl = server.baseUrl;
});
afterAll(async () => {
  releaseHeld();
  await close();
  await stopSender();
});

const session = async (brandId: string, role: "admin" | "marketer" | "reviewer") =>
  (await (await signedIn((await createUser(brandId, role)).id)).session())!;

/** A brand with a published kit, the starter templates and a model: stable and candidate versions. */
async function brandWithModel(candidateModel = "candidate-model") {
  const brandId = (await createBrand()).id;
  const admin = await session(brandId, "admin");
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  await seedStarterTemplates(db(), brandId, admin.user.id);
  const model = await createModel(admin, { brandId, kind: "generation", name: "Copy" });
  const version = (modelName: string) => ({
    kind: "generation" as const,
    provider: "openai-compatible" as const,
    baseUrl,
    modelName,
    parameters: { structuredOutput: "json_object" as const },
    resilience: { maxRetries: 0 },
  });
  const stable = await createModelVersion(admin, { modelId: model.id, version: version("stable-model") });
  const candidate = await createModelVersion(admin, {
    modelId: model.id,
    version: version(candidateModel),
  });
  await moveLabel({
    model: model.id,
    label: "stable",
    versionId: stable.id,
    reason: "seed",
    actor: "system:test",
  });
  return { brandId, admin, modelId: model.id, stableId: stable.id, candidateId: candidate.id };
}

async function shadowRollout(b: Awaited<ReturnType<typeof brandWithModel>>, config: RolloutConfigInput) {
  return startRollout(b.admin, {
    brandId: b.brandId,
    modelId: b.modelId,
    candidateVersionId: b.candidateId,
    strategy: "shadow",
    config,
    now: new Date(Date.now() - 60 * 60_000),
  });
}

describe("shadow mirroring on the generation pipeline", () => {
  it("stores the candidate's checked answer to the same brief and serves stable's", async () => {
    const b = await brandWithModel();
    await shadowRollout(b, { primaryMetric: "error_rate", minSamplesPerArm: 10 });
    const marketer = await session(b.brandId, "marketer");
    const social = (await listTemplates(marketer, b.brandId)).find((t) => t.template.channel === "social")!;
    const gen = await createGeneration(marketer, {
      brandId: b.brandId,
      templateVersionId: social.versions[0]!.versionId,
      brief: { summary: "A post about our rain jackets" },
    });
    const result = await runGeneration({
      actor: { kind: "user", userId: marketer.user.id, brandId: b.brandId },
      generationId: gen.id,
    });
    expect(result.status).toBe("succeeded");
    await settleGenerationShadows();

    const [revision] = await db()
      .select()
      .from(contentRevisions)
      .where(eq(contentRevisions.generationId, gen.id));
    expect((revision!.slots as { post: string }).post).toBe(STABLE_POST);
    expect(revision!.modelVersionId).toBe(b.stableId);

    const [shadow] = await db().select().from(shadowOutputs).where(eq(shadowOutputs.brandId, b.brandId));
    expect(shadow).toMatchObject({
      versionId: b.candidateId,
      primaryVersionId: b.stableId,
      requestId: `gen-${gen.id}-r1`,
      prompt: "A post about our rain jackets",
      blocked: true,
      error: null,
    });
    expect(JSON.parse(shadow!.output!)).toEqual({ post: CANDIDATE_POST });
    expect(JSON.parse(shadow!.primaryOutput!)).toEqual({ post: STABLE_POST });
    // The same output checks as the served round: the banned term is found and blocks it.
    expect(
      shadow!.checkResults!.some((r) => r.verdict === "fail" && /bulletproof/i.test(r.explanation)),
    ).toBe(true);
  });
});

type Side = "candidate" | "stable" | "same";

describe("a shadow that fails or hangs", () => {
  async function generateOnce(b: Awaited<ReturnType<typeof brandWithModel>>) {
    const marketer = await session(b.brandId, "marketer");
    const social = (await listTemplates(marketer, b.brandId)).find((t) => t.template.channel === "social")!;
    const gen = await createGeneration(marketer, {
      brandId: b.brandId,
      templateVersionId: social.versions[0]!.versionId,
      brief: { summary: "A post about our rain jackets" },
    });
    const result = await runGeneration({
      actor: { kind: "user", userId: marketer.user.id, brandId: b.brandId },
      generationId: gen.id,
    });
    return { gen, result };
  }

  it("does not fail the served generation; the failure is stored as the shadow's row", async () => {
    const b = await brandWithModel("failing-model");
    await shadowRollout(b, { primaryMetric: "error_rate", minSamplesPerArm: 10 });
    const { result } = await generateOnce(b);
    expect(result.status).toBe("succeeded");
    await settleGenerationShadows();
    const [shadow] = await db().select().from(shadowOutputs).where(eq(shadowOutputs.brandId, b.brandId));
    expect(shadow!.output).toBeNull();
    expect(shadow!.error).toBeTruthy();
  });

  it("does not hold the served generation back: it finishes while the candidate has not answered", async () => {
    const b = await brandWithModel("held-model");
    await shadowRollout(b, { primaryMetric: "error_rate", minSamplesPerArm: 10 });
    const { result } = await generateOnce(b);
    expect(result.status).toBe("succeeded");
    expect(await db().$count(shadowOutputs, eq(shadowOutputs.brandId, b.brandId))).toBe(0);
    releaseHeld();
    await settleGenerationShadows();
    held = new Promise<void>((resolve) => (releaseHeld = resolve));
    expect(await db().$count(shadowOutputs, eq(shadowOutputs.brandId, b.brandId))).toBe(1);
  });
});

describe("blind comparison by reviewers", () => {
  /** Pairs as a shadow rollout leaves them: the candidate's answer and stable's, to the same brief. */
  async function seedPairs(b: Awaited<ReturnType<typeof brandWithModel>>, count: number) {
    await db()
      .insert(shadowOutputs)
      .values(
        Array.from({ length: count }, (_, i) => ({
          brandId: b.brandId,
          modelId: b.modelId,
          versionId: b.candidateId,
          primaryVersionId: b.stableId,
          requestId: `seed-${i}`,
          prompt: `Brief ${i}`,
          primaryOutput: JSON.stringify({ post: `stable answer ${i}` }),
          output: JSON.stringify({ post: `candidate answer ${i}` }),
          latencyMs: 5,
        })),
      );
  }

  /**
   * Each reviewer works through the blind queue. `prefer(i)` says which answer the reviewer
   * likes for brief i; the test finds it on the page's data by its text, as a person would.
   */
  async function review(brandId: string, reviewer: UserPrincipal, prefer: (i: number) => Side) {
    const positions: string[] = [];
    for (;;) {
      const pair = await nextBlindPair(reviewer, { brandId });
      if (!pair) break;
      // Nothing in the pair says which answer is which.
      expect(Object.keys(pair).sort()).toEqual(["a", "b", "prompt", "shadowOutputId", "waiting"]);
      const i = Number(pair.prompt.replace("Brief ", ""));
      const want = prefer(i);
      const aIsCandidate = pair.a[0]!.text.startsWith("candidate");
      positions.push(aIsCandidate ? "A" : "B");
      const choice =
        want === "same" ? "same" : (want === "candidate") === aIsCandidate ? ("A" as const) : ("B" as const);
      await recordPreference(reviewer, {
        brandId,
        shadowOutputId: pair.shadowOutputId,
        choice,
        reason: want === "stable" ? "The other one reads better" : "",
      });
    }
    return positions;
  }

  it("maps A/B to candidate vs stable, once per reviewer per pair, audited", async () => {
    const b = await brandWithModel();
    await shadowRollout(b, { primaryMetric: "preference_rate", minSamplesPerArm: 10 });
    await seedPairs(b, 12);
    const reviewer = await session(b.brandId, "reviewer");
    const positions = await review(b.brandId, reviewer, (i) =>
      i % 3 === 0 ? "same" : i % 3 === 1 ? "candidate" : "stable",
    );
    expect(positions).toHaveLength(12);
    // The order is not fixed: the candidate is shown first on some pairs and second on others.
    expect(new Set(positions).size).toBe(2);
    const stored = await db()
      .select({ verdict: shadowPreferences.verdict, output: shadowOutputs.output })
      .from(shadowPreferences)
      .innerJoin(shadowOutputs, eq(shadowOutputs.id, shadowPreferences.shadowOutputId))
      .where(eq(shadowPreferences.reviewerId, reviewer.user.id));
    for (const s of stored) {
      const i = Number(/candidate answer (\d+)/.exec(s.output!)![1]);
      expect(s.verdict).toBe(i % 3 === 0 ? "same" : i % 3 === 1 ? "better" : "worse");
    }
    const [any] = await db().select().from(shadowOutputs).where(eq(shadowOutputs.brandId, b.brandId));
    await expect(
      recordPreference(reviewer, { brandId: b.brandId, shadowOutputId: any!.id, choice: "A" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(
      await db().$count(
        auditEntries,
        and(eq(auditEntries.brandId, b.brandId), eq(auditEntries.action, "shadow_preference.recorded")),
      ),
    ).toBe(12);
    // A marketer may not judge, and a bad choice changes nothing.
    const marketer = await session(b.brandId, "marketer");
    await expect(
      recordPreference(marketer, { brandId: b.brandId, shadowOutputId: any!.id, choice: "A" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(nextBlindPair(marketer, { brandId: b.brandId })).rejects.toMatchObject({
      code: "forbidden",
    });
    const other = await session(b.brandId, "reviewer");
    await expect(
      recordPreference(other, { brandId: b.brandId, shadowOutputId: any!.id, choice: "C" as "A" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db().$count(shadowPreferences, eq(shadowPreferences.reviewerId, other.user.id))).toBe(0);
  });

  it("a candidate reviewers prefer less breaches a preference guardrail and is held back", async () => {
    const b = await brandWithModel();
    const rollout = await shadowRollout(b, {
      primaryMetric: "error_rate",
      guardrails: [{ metric: "preference_rate", tolerance: 0.1 }],
      minSamplesPerArm: 10,
    });
    await seedPairs(b, 15);
    // Stable preferred on 12 of 15 briefs, the same on 2, the candidate on 1; two reviewers.
    const prefer = (i: number): Side => (i < 12 ? "stable" : i < 14 ? "same" : "candidate");
    await review(b.brandId, await session(b.brandId, "reviewer"), prefer);
    await review(b.brandId, await session(b.brandId, "reviewer"), prefer);

    const look = await analyseRollout({
      actor: { kind: "system" },
      rolloutId: rollout.id,
      now: new Date(Date.now() + 5 * 60_000),
    });
    expect(look).toEqual({ looked: true, decision: "abort" });
    const view = await getRollout(b.admin, { rolloutId: rollout.id });
    expect(view.rollout.status).toBe("aborted");
    const last = view.decisions.at(-1)!;
    expect(last.reasons.map((r) => r.metric)).toContain("preference_rate");
    const report = last.metrics.reports!.find((r) => r.id === "preference_rate")!;
    // 30 judgments: 2 preferred, 4 ties → (2 + 2) / 30 for the candidate.
    expect(report.candidateValue).toBeCloseTo(4 / 30, 6);
    expect(report.breached).toBe(true);
    expect(report.interval!.upper).toBeLessThan(-0.1);
    const series = view.series.find((s) => s.metric === "preference_rate")!;
    expect(series.points.at(-1)!.candidate.n).toBe(30);
  });

  it("a candidate reviewers prefer is promoted on a preference primary", async () => {
    const b = await brandWithModel();
    const rollout = await shadowRollout(b, { primaryMetric: "preference_rate", minSamplesPerArm: 10 });
    await seedPairs(b, 15);
    const prefer = (i: number): Side => (i < 12 ? "candidate" : i < 14 ? "same" : "stable");
    await review(b.brandId, await session(b.brandId, "reviewer"), prefer);
    await review(b.brandId, await session(b.brandId, "reviewer"), prefer);
    const look = await analyseRollout({
      actor: { kind: "system" },
      rolloutId: rollout.id,
      now: new Date(Date.now() + 5 * 60_000),
    });
    expect(look).toEqual({ looked: true, decision: "promote" });
  });

  it("refuses preference_rate on a strategy without shadow outputs", async () => {
    const b = await brandWithModel();
    await expect(
      startRollout(b.admin, {
        brandId: b.brandId,
        modelId: b.modelId,
        candidateVersionId: b.candidateId,
        strategy: "ab",
        config: { abWeight: 50, primaryMetric: "preference_rate" },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "config.primaryMetric" })],
    });
  });
});
