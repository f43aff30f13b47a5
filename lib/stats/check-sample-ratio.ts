/**
 * Sample-ratio mismatch: do the units per arm fit the configured weights? A chi-square
 * goodness-of-fit test (k − 1 degrees of freedom). A mismatch means assignment or logging is
 * broken — bots filtered from one arm, a crash that drops candidate events — and every
 * metric comparison is then biased in an unknown direction, so no decision should be made.
 *
 * The default threshold, p < 0.001, is the industry convention (Fabijan et al., "Diagnosing
 * Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019): the check runs at every
 * look of every rollout, so it must rarely fire by chance; real mismatches at rollout sizes
 * give p-values many orders smaller.
 */
import { AppError } from "@/lib/errors";
import { chiSquareSf } from "./distributions/chi-square";

export interface SampleRatioArm {
  id: string;
  units: number;
  /** Relative weight, as in assignment: [90, 10] and [0.9, 0.1] are the same design. */
  weight: number;
}

export interface CheckSampleRatioOptions {
  arms: readonly SampleRatioArm[];
  /** Default 0.001. */
  threshold?: number;
}

export interface SampleRatioCheck {
  statistic: number;
  df: number;
  pValue: number;
  mismatch: boolean;
  /** Observed share minus expected share, per arm id. */
  deviations: Record<string, number>;
}

export function checkSampleRatio({ arms, threshold = 0.001 }: CheckSampleRatioOptions): SampleRatioCheck {
  const live = arms.filter((a) => a.weight > 0);
  const weightTotal = live.reduce((s, a) => s + a.weight, 0);
  const unitTotal = arms.reduce((s, a) => s + a.units, 0);
  // Units on a zero-weight arm cannot happen if assignment works: that is a mismatch by itself.
  const stray = arms.some((a) => a.weight <= 0 && a.units > 0);
  if (live.length === 0) throw new AppError("validation_failed", "At least one arm needs a positive weight");
  const deviations: Record<string, number> = {};
  let statistic = 0;
  for (const arm of arms) {
    const share = arm.weight > 0 ? arm.weight / weightTotal : 0;
    deviations[arm.id] = unitTotal > 0 ? arm.units / unitTotal - share : 0;
    if (arm.weight > 0) {
      const expected = unitTotal * share;
      if (expected > 0) statistic += (arm.units - expected) ** 2 / expected;
    }
  }
  const df = live.length - 1;
  const pValue = stray ? 0 : df > 0 && unitTotal > 0 ? chiSquareSf(statistic, df) : 1;
  return { statistic, df, pValue, mismatch: pValue < threshold, deviations };
}
