/**
 * Bayesian reading of a continuous metric by the normal approximation: with flat priors and
 * large arms, the difference of means D = m_c − m_s is a posteriori N(d, σ²) with
 * σ² = s_c²/n_c + s_s²/n_s. Then, with d oriented so positive is better,
 *   chanceToBeat = Φ(d/σ),  expectedLoss = E[max(−D, 0)] = σ·φ(d/σ) − d·Φ(−d/σ).
 */
import { normalCdf, normalPdf } from "./distributions/normal";
import { summarizeMean } from "./summarize-mean";
import type { MeanArm } from "./types";
import type { BayesComparison } from "./bayes-proportions";

export interface BayesMeansOptions {
  candidate: MeanArm;
  stable: MeanArm;
  /** Default true; false for latency, cost. */
  higherIsBetter?: boolean;
}

export function bayesMeans({ candidate, stable, higherIsBetter = true }: BayesMeansOptions): BayesComparison {
  const c = summarizeMean(candidate);
  const s = summarizeMean(stable);
  const sigma = Math.sqrt(c.variance / c.n + s.variance / s.n);
  const d = (higherIsBetter ? 1 : -1) * (c.mean - s.mean);
  if (!(sigma > 0)) return { chanceToBeat: d > 0 ? 1 : d < 0 ? 0 : 0.5, expectedLoss: Math.max(0, -d) };
  const z = d / sigma;
  return { chanceToBeat: normalCdf(z), expectedLoss: sigma * normalPdf(z) - d * normalCdf(-z) };
}
