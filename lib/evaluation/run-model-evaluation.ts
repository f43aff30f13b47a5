import { and, eq } from "drizzle-orm";
import { brands, modelEvaluations, modelLabels, models } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";
import { flushGenerationAttempts } from "@/lib/models/generate";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { nudgeDeliveries } from "@/lib/webhooks/nudge-deliveries";
import { claimEvaluation } from "./claim-evaluation";
import { generationGates, type Gate } from "./compute-gates";
import { comparePersonalisationVersion } from "./compare-personalisation-version";
import { loadEvaluationSet } from "./load-evaluation-set";
import { measureGenerationVersion } from "./measure-generation-version";
import { readModelPolicy, type ModelPolicy } from "@/lib/models/registry/model-policy";
import { startCanaryAfterEvaluation, type CanaryOutcome } from "./start-canary-after-evaluation";

interface Verdict {
  setVersion: string;
  metrics: Record<string, unknown>;
  gates: Gate[];
  report: Record<string, unknown>;
}

/**
 * The evaluation gate (`models.evaluate.v1`): measures the new version and stable on the
 * same set, judges the gates, and records the verdict. A failed verdict rejects the version
 * (move-label refuses it); a passed one starts a canary when the model's policy allows.
 * Idempotent: a finished evaluation is returned as it is.
 */
export async function runModelEvaluation(payload: ParsedJobPayload<"evaluateModelVersion">) {
  const [target] = await db()
    .select({
      evaluation: modelEvaluations,
      brandId: models.brandId,
      policy: models.policy,
      kind: models.kind,
    })
    .from(modelEvaluations)
    .innerJoin(models, eq(models.id, modelEvaluations.modelId))
    .where(eq(modelEvaluations.id, payload.evaluationId));
  if (!target) throw new AppError("not_found", "No such evaluation");
  if (payload.actor.kind !== "system" && payload.actor.brandId !== target.brandId) {
    throw new AppError("forbidden", "The job's brand is not the evaluated model's brand");
  }
  // models:write, which an API key with that scope also holds: a pipeline registers versions.
  await authorizeJob(payload.actor, payload.actor.kind === "system" ? "system" : "models:write");

  const claim = await claimEvaluation(payload.evaluationId);
  if (!claim.claimed) return { evaluationId: payload.evaluationId, status: claim.row?.status ?? "missing" };
  const evaluation = claim.row;
  const policy = readModelPolicy(target.policy);
  const [stable] = await db()
    .select({ versionId: modelLabels.versionId })
    .from(modelLabels)
    .where(and(eq(modelLabels.modelId, evaluation.modelId), eq(modelLabels.label, "stable")));
  const baselineVersionId = stable && stable.versionId !== evaluation.versionId ? stable.versionId : null;

  let verdict: Verdict;
  try {
    verdict =
      target.kind === "generation"
        ? await evaluateGeneration(
            target.brandId,
            evaluation.id,
            evaluation.versionId,
            baselineVersionId,
            policy,
          )
        : await comparePersonalisationVersion({
            brandId: target.brandId,
            versionId: evaluation.versionId,
            baselineVersionId,
            gates: policy.personalisationGates,
          });
  } catch (err) {
    // Not the version's fault (no kit, database down): `error`, and the job's retry may claim it again.
    await db()
      .update(modelEvaluations)
      .set({
        status: "error",
        baselineVersionId,
        report: { error: (err as Error).message },
        finishedAt: new Date(),
      })
      .where(eq(modelEvaluations.id, evaluation.id));
    throw err;
  }
  const passed = verdict.gates.every((g) => g.passed);
  const failedGates = verdict.gates.filter((g) => !g.passed).map((g) => g.name);
  const deliveries = await db().transaction(async (tx) => {
    await tx
      .update(modelEvaluations)
      .set({
        status: passed ? "passed" : "failed",
        baselineVersionId,
        setVersion: verdict.setVersion,
        metrics: verdict.metrics,
        gates: verdict.gates,
        report: { ...verdict.report, failedGates },
        finishedAt: new Date(),
      })
      .where(eq(modelEvaluations.id, evaluation.id));
    await appendAudit(tx, {
      brandId: target.brandId,
      actor: { kind: "system", reason: `evaluation:${evaluation.id}` },
      action: passed ? "model.evaluation_passed" : "model.evaluation_failed",
      target: { type: "model_version", id: evaluation.versionId },
      data: {
        modelId: evaluation.modelId,
        evaluationId: evaluation.id,
        setVersion: verdict.setVersion,
        failedGates,
      },
    });
    if (passed) return [];
    const event = await emitWebhookEvent(tx, {
      brandId: target.brandId,
      type: "model.evaluation_failed",
      data: {
        modelId: evaluation.modelId,
        versionId: evaluation.versionId,
        evaluationId: evaluation.id,
        failedGates: verdict.gates.filter((g) => !g.passed),
      },
    });
    return event.deliveryIds;
  });
  await nudgeDeliveries(deliveries);

  let canary: CanaryOutcome | null = null;
  if (passed && policy.autoCanary) {
    canary = await startCanaryAfterEvaluation(db(), {
      modelId: evaluation.modelId,
      candidateVersionId: evaluation.versionId,
      evaluationId: evaluation.id,
      weight: policy.canaryWeight,
    }).catch((err: unknown) => ({ started: false as const, reason: (err as Error).message }));
    await db()
      .update(modelEvaluations)
      .set({ report: { ...verdict.report, failedGates, canary } })
      .where(eq(modelEvaluations.id, evaluation.id));
  }
  return { evaluationId: evaluation.id, status: passed ? ("passed" as const) : ("failed" as const), canary };
}

async function evaluateGeneration(
  brandId: string,
  evaluationId: string,
  versionId: string,
  baselineVersionId: string | null,
  policy: ModelPolicy,
): Promise<Verdict> {
  const kit = await getPublishedKit(brandId);
  if (!kit) throw new AppError("conflict", "The brand has no published brand kit to check against");
  const [brand] = await db().select({ name: brands.name }).from(brands).where(eq(brands.id, brandId));
  const set = await loadEvaluationSet(brandId);
  const definitions = new Map((await loadStarterTemplates()).map((s) => [s.key, s.definition]));
  // Progress lives in the running row's report until the verdict replaces it; a failed write
  // only delays what the page shows.
  const progress = { done: 0, total: set.briefs.length * (baselineVersionId ? 2 : 1) };
  const onBrief = async () => {
    progress.done += 1;
    await db()
      .update(modelEvaluations)
      .set({ report: { progress } })
      .where(and(eq(modelEvaluations.id, evaluationId), eq(modelEvaluations.status, "running")))
      .catch(() => undefined);
  };
  const common = {
    brandId,
    brandName: brand!.name,
    kit: kit.kit,
    briefs: set.briefs,
    definitions,
    evaluationId,
    onBrief,
  };
  const candidate = await measureGenerationVersion({ ...common, versionId });
  const baseline = baselineVersionId
    ? await measureGenerationVersion({ ...common, versionId: baselineVersionId })
    : null;
  await flushGenerationAttempts();
  const gates = generationGates(candidate.metrics, baseline?.metrics ?? null, policy.gates);
  return {
    setVersion: set.version,
    metrics: {
      candidate: candidate.metrics,
      baseline: baseline?.metrics ?? null,
      kitVersionId: kit.versionId,
    },
    gates,
    report: {
      summary: summarise(gates),
      briefs: candidate.results.map((r) => ({
        ...r,
        baseline: baseline?.results.find((b) => b.briefId === r.briefId) ?? null,
      })),
    },
  };
}

export function summarise(gates: Gate[]): string {
  const failed = gates.filter((g) => !g.passed);
  if (failed.length === 0) return `Passed all ${gates.length} gates`;
  return `Failed ${failed.length} of ${gates.length} gates: ${failed
    .map((g) => `${g.name} ${g.value ?? "n/a"} (needs ${g.op} ${g.threshold})`)
    .join("; ")}`;
}
