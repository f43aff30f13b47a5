import type { RolloutRow } from "@/db/schema";
import type { RolloutConfig } from "./rollout-config";

export interface Stage {
  /** Percent of units on the candidate. */
  weight: number;
  minSamplesPerArm: number;
  minDurationMinutes: number;
  final: boolean;
}

/**
 * The traffic stage a rollout is in. Shadow mirrors every request, so both arms see all
 * units (50/50 for the sample-ratio check) while the candidate serves none of them.
 */
export function stageOf(rollout: Pick<RolloutRow, "strategy" | "currentStep">, config: RolloutConfig): Stage {
  const single = { minSamplesPerArm: config.minSamplesPerArm, minDurationMinutes: config.minDurationMinutes };
  switch (rollout.strategy) {
    case "canary": {
      const steps = config.steps!;
      const step = steps[Math.min(rollout.currentStep, steps.length - 1)]!;
      return { ...step, final: rollout.currentStep >= steps.length - 1 };
    }
    case "ab":
      return { ...single, weight: config.abWeight!, final: true };
    case "shadow":
      return { ...single, weight: 50, final: true };
    case "blue_green":
      return { ...single, weight: 100, final: true };
  }
}

/** The route a live rollout at this stage writes to model_routes. */
export function routeOf(
  rollout: Pick<RolloutRow, "strategy" | "currentStep">,
  config: RolloutConfig,
): { mode: "split" | "shadow"; candidateWeight: number } {
  if (rollout.strategy === "shadow") return { mode: "shadow", candidateWeight: 0 };
  return { mode: "split", candidateWeight: stageOf(rollout, config).weight };
}
