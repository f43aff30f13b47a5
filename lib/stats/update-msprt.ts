/**
 * Always-valid inference for a difference θ (candidate − stable) by the mixture sequential
 * probability ratio test with a normal mixing distribution: Johari, Pekelis & Walsh, "Always
 * Valid Inference: Bringing Sequential Analysis to A/B Testing" (2017), as deployed in
 * Optimizely's Stats Engine.
 *
 * Given an estimate θ̂ with (plug-in) variance V and mixing prior θ ~ N(θ₀, τ²), the mixture
 * likelihood ratio against H₀: θ = θ₀ is
 *   Λ = √(V / (V + τ²)) · exp( τ² (θ̂ − θ₀)² / (2 V (V + τ²)) ).
 * Under H₀, Λ is a non-negative martingale, so by Ville's inequality P(sup Λ ≥ 1/α) ≤ α:
 * the p-value p_n = min(p_{n−1}, 1/Λ_n) may be read at every look and acted on whenever it
 * drops below α. Inverting the test gives the always-valid interval
 *   θ̂ ± √( 2 V (V + τ²) / τ² · ln( √((V + τ²)/V) / α ) ),
 * intersected with the previous look's interval.
 *
 * Caller's contract: looks must be cumulative (every look includes all earlier data) and the
 * state passed back unchanged. V is estimated from the data (the plug-in Optimizely uses);
 * validity is asymptotic, which is why the decision gates on a minimum sample size.
 *
 * If the model fails (the metric drifts over time), the intersection can come out empty —
 * `lower > upper`; under the model that happens with probability at most α. Callers should
 * read an empty interval as "the test's assumptions broke", not as evidence either way.
 *
 * τ² sets where the test is most sensitive: effects of about τ are detected soonest; any
 * τ > 0 keeps the error guarantee.
 */
import { AppError } from "@/lib/errors";
import type { Interval } from "./types";

export interface MsprtState {
  looks: number;
  /** Running minimum of 1/Λ, capped at 1. */
  pValue: number;
  /**
   * Running intersection of the intervals; null until the first informative look. Never
   * ±Infinity: the state is stored as JSON, where Infinity becomes null and null then reads
   * as 0 in Math.max — a silently corrupted interval.
   */
  interval: Interval | null;
}

export interface UpdateMsprtOptions {
  /** θ̂, the current cumulative estimate of candidate − stable. */
  estimate: number;
  /** V, the variance of `estimate` (not of a unit): s_c²/n_c + s_s²/n_s. */
  variance: number;
  /** τ², variance of the normal mixing distribution, on the scale of θ. */
  mixingVariance: number;
  alpha: number;
  /** θ₀; default 0. */
  nullValue?: number;
  /** The state this test returned at the previous look; omit at the first. */
  state?: MsprtState;
}

export interface MsprtResult {
  state: MsprtState;
  /** Λ at this look (not a running quantity). */
  likelihoodRatio: number;
}

export const initialMsprtState: MsprtState = {
  looks: 0,
  pValue: 1,
  interval: null,
};

export function updateMsprt({
  estimate,
  variance,
  mixingVariance: tau2,
  alpha,
  nullValue = 0,
  state = initialMsprtState,
}: UpdateMsprtOptions): MsprtResult {
  if (!(tau2 > 0)) throw new AppError("validation_failed", "mixingVariance must be positive", { tau2 });
  if (!(alpha > 0 && alpha < 1))
    throw new AppError("validation_failed", "alpha must be in (0, 1)", { alpha });
  const looks = state.looks + 1;
  // No spread yet (e.g. no conversions in either arm): the look carries no evidence.
  if (!(variance > 0) || !Number.isFinite(estimate)) {
    return { state: { ...state, looks }, likelihoodRatio: 1 };
  }
  const total = variance + tau2;
  const delta = estimate - nullValue;
  const logLambda = 0.5 * Math.log(variance / total) + (tau2 * delta * delta) / (2 * variance * total);
  const pValue = Math.min(state.pValue, 1, Math.exp(-logLambda));
  const halfWidth = Math.sqrt(
    ((2 * variance * total) / tau2) * (0.5 * Math.log(total / variance) - Math.log(alpha)),
  );
  const previous = state.interval;
  const interval = {
    lower: previous ? Math.max(previous.lower, estimate - halfWidth) : estimate - halfWidth,
    upper: previous ? Math.min(previous.upper, estimate + halfWidth) : estimate + halfWidth,
  };
  return { state: { looks, pValue, interval }, likelihoodRatio: Math.exp(logLambda) };
}
