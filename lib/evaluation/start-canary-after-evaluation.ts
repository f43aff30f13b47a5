import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { models } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { RolloutConfigInput } from "@/lib/rollout/rollout-config";
import { openRollout } from "@/lib/rollout/start-rollout";

export interface StartCanaryAfterEvaluationOptions {
  modelId: string;
  candidateVersionId: string;
  evaluationId: string;
  /** Percent of units sent to the candidate at first; the model policy's `canaryWeight`. */
  weight?: number;
}

export type CanaryOutcome =
  { started: true; weight: number; rolloutId: string } | { started: false; reason: string };

/**
 * The canary a passing evaluation opens when the model's policy says `autoCanary`: a real
 * rollout (lib/rollout), so the analysis job ramps it (first weight → 25% → 50%, each step
 * after 500 units per arm and 30 minutes), promotes it on a clear win and aborts it on a
 * guardrail breach. Generation models are judged on first-pass check pass rate with error
 * rate and latency as guardrails; personalisation models on click-through rate.
 */
export async function startCanaryAfterEvaluation(
  executor: Executor,
  options: StartCanaryAfterEvaluationOptions,
): Promise<CanaryOutcome> {
  const weight = options.weight ?? 5;
  return executor.transaction(async (tx) => {
    const [model] = await tx
      .select({ brandId: models.brandId, kind: models.kind })
      .from(models)
      .where(eq(models.id, options.modelId));
    if (!model) throw new AppError("not_found", "No such model");
    const steps = [weight, ...[25, 50].filter((w) => w > weight)].map((w) => ({
      weight: w,
      minSamplesPerArm: 500,
      minDurationMinutes: 30,
    }));
    const config: RolloutConfigInput =
      model.kind === "generation"
        ? {
            steps,
            primaryMetric: "check_pass_rate",
            guardrails: [
              { metric: "error_rate", tolerance: 0.02 },
              { metric: "latency_ms", tolerance: 500 },
            ],
          }
        : { steps, primaryMetric: "ctr" };
    const rollout = await openRollout(
      tx,
      {
        brandId: model.brandId,
        modelId: options.modelId,
        candidateVersionId: options.candidateVersionId,
        strategy: "canary",
        config,
      },
      { kind: "system", reason: `evaluation:${options.evaluationId}` },
    );
    return { started: true, weight, rolloutId: rollout.id };
  });
}
