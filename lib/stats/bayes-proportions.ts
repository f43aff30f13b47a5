/**
 * Bayesian reading of a binary metric: with a Beta(prior) on each arm's rate, the posterior
 * is Beta(prior.a + successes, prior.b + failures). Reported:
 *
 * - chanceToBeat: P(candidate better than stable) — p_c > p_s, or p_c < p_s for a metric
 *   where lower is better (errors).
 * - expectedLoss: E[max(stable's advantage, 0)], the rate we expect to give up by shipping the
 *   candidate if it is in fact worse. Via x·Beta(x; a, b) = a/(a+b)·Beta(x; a+1, b):
 *     E[max(p_s − p_c, 0)] = E[p_s]·P(p_s⁺ > p_c) − E[p_c]·P(p_s > p_c⁺),
 *   where ⁺ adds one to a — three exact probabilities, no sampling.
 *
 * A report, not a decision rule: posterior probabilities peeked at every look are not
 * error-controlled, which is why `decide-rollout.ts` acts on the mSPRT instead.
 */
import { betaGreaterProbability, type BetaParameters } from "./beta-greater-probability";
import type { ProportionArm } from "./types";

export interface BayesProportionsOptions {
  candidate: ProportionArm;
  stable: ProportionArm;
  /** Default true (conversion); false for errors, latency-like rates. */
  higherIsBetter?: boolean;
  /** Default Beta(1, 1), uniform. */
  prior?: BetaParameters;
}

export interface BayesComparison {
  chanceToBeat: number;
  expectedLoss: number;
}

export function bayesProportions({
  candidate,
  stable,
  higherIsBetter = true,
  prior = { a: 1, b: 1 },
}: BayesProportionsOptions): BayesComparison {
  const c = { a: prior.a + candidate.successes, b: prior.b + candidate.n - candidate.successes };
  const s = { a: prior.a + stable.successes, b: prior.b + stable.n - stable.successes };
  // "better" beats "worse" iff better > worse on the rate's own scale after orienting.
  const [winner, loser] = higherIsBetter ? [c, s] : [s, c];
  const chanceToBeat = betaGreaterProbability(winner, loser);
  // Loss of shipping the candidate = E[max(loser − winner, 0)] in the oriented pair.
  const meanOf = (p: BetaParameters) => p.a / (p.a + p.b);
  const plusOne = (p: BetaParameters) => ({ a: p.a + 1, b: p.b });
  const expectedLoss =
    meanOf(loser) * betaGreaterProbability(plusOne(loser), winner) -
    meanOf(winner) * betaGreaterProbability(loser, plusOne(winner));
  return { chanceToBeat, expectedLoss: Math.max(0, expectedLoss) };
}
