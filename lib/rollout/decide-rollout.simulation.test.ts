/**
 * Simulated rollouts analysed at every look with decideRollout, as the job will run it.
 * Seeded (mulberry32, seededRandom in lib/stats/create-rng.ts), so the measured rates are fixed numbers, printed for the record.
 *
 * Design: 50/50 coin-flip assignment, 10 looks of 2,000 new units each (≈ 1,000 per arm per
 * look, 10,000 per arm at the end). Primary: conversion 10%. Guardrails: error rate 2%
 * (tolerance +0.5 points) and latency, exponential with mean 200 ms (tolerance +10 ms).
 */
import { describe, expect, it } from "vitest";
import { compareProportions } from "@/lib/stats/compare-proportions";
import { seededRandom } from "@/lib/stats/create-rng";
import { decideRollout, type RolloutDecision, type RolloutState } from "./decide-rollout";

interface ArmTruth {
  conversion: number;
  errorRate: number;
  latencyMean: number;
}

interface ArmTotals {
  n: number;
  conversions: number;
  errors: number;
  latencySum: number;
  latencySumSquares: number;
}

const LOOKS = 10;
const UNITS_PER_LOOK = 2000;
const ALPHA = 0.05;

function simulateRollout(random: () => number, candidate: ArmTruth, stable: ArmTruth, candidateShare = 0.5) {
  const totals: Record<"candidate" | "stable", ArmTotals> = {
    candidate: { n: 0, conversions: 0, errors: 0, latencySum: 0, latencySumSquares: 0 },
    stable: { n: 0, conversions: 0, errors: 0, latencySum: 0, latencySumSquares: 0 },
  };
  let state: RolloutState | undefined;
  const decisions: RolloutDecision[] = [];
  /** The fixed-horizon z-test read at every look, as a naive dashboard would: the contrast. */
  let naiveSignificant = false;
  for (let look = 0; look < LOOKS; look++) {
    for (let u = 0; u < UNITS_PER_LOOK; u++) {
      const arm = random() < candidateShare ? "candidate" : "stable";
      const truth = arm === "candidate" ? candidate : stable;
      const t = totals[arm];
      t.n += 1;
      if (random() < truth.conversion) t.conversions += 1;
      if (random() < truth.errorRate) t.errors += 1;
      const latency = -Math.log(1 - random()) * truth.latencyMean;
      t.latencySum += latency;
      t.latencySumSquares += latency * latency;
    }
    const { candidate: c, stable: s } = totals;
    const r = decideRollout({
      arms: { candidate: { units: c.n, weight: 50 }, stable: { units: s.n, weight: 50 } },
      primary: {
        id: "conversion",
        kind: "proportion",
        higherIsBetter: true,
        candidate: { n: c.n, successes: c.conversions },
        stable: { n: s.n, successes: s.conversions },
      },
      guardrails: [
        {
          id: "error_rate",
          kind: "proportion",
          higherIsBetter: false,
          tolerance: 0.005,
          candidate: { n: c.n, successes: c.errors },
          stable: { n: s.n, successes: s.errors },
        },
        {
          id: "latency",
          kind: "mean",
          higherIsBetter: false,
          tolerance: 10,
          candidate: { n: c.n, sum: c.latencySum, sumSquares: c.latencySumSquares },
          stable: { n: s.n, sum: s.latencySum, sumSquares: s.latencySumSquares },
        },
      ],
      alpha: ALPHA,
      minSamplesPerArm: 900,
      state,
    });
    // Through JSON, as the job stores it between looks.
    state = JSON.parse(JSON.stringify(r.state)) as RolloutState;
    decisions.push(r.decision);
    const naive = compareProportions({
      candidate: { n: c.n, successes: c.conversions },
      stable: { n: s.n, successes: s.conversions },
    });
    if (naive.pValue < ALPHA) naiveSignificant = true;
  }
  return Object.assign(decisions, { naiveSignificant });
}

const automatic = (d: RolloutDecision) => d === "abort" || d === "advance" || d === "promote";
const baseline: ArmTruth = { conversion: 0.1, errorRate: 0.02, latencyMean: 200 };

describe("decideRollout on simulated rollouts", () => {
  it("A/A: over 1,000 rollouts × 10 looks, automatic decisions stay within α + 1.5 points", () => {
    const random = seededRandom(20_261_130);
    const runs = 1000;
    let falseDecisions = 0;
    let blocked = 0;
    let naive = 0;
    for (let i = 0; i < runs; i++) {
      const decisions = simulateRollout(random, baseline, baseline);
      if (decisions.some(automatic)) falseDecisions += 1;
      if (decisions.includes("blocked")) blocked += 1;
      if (decisions.naiveSignificant) naive += 1;
    }
    const rate = falseDecisions / runs;
    console.log(
      `A/A: automatic decision in ${falseDecisions}/${runs} = ${(rate * 100).toFixed(2)}%; blocked by SRM in ${blocked}; ` +
        `a fixed-horizon z-test on conversion alone, peeked at every look, fired in ${naive}/${runs}`,
    );
    expect(rate).toBeLessThanOrEqual(ALPHA + 0.015);
    // The simulation can tell valid from invalid: peeking at a fixed-horizon test inflates α.
    expect(naive / runs).toBeGreaterThan(ALPHA + 0.03);
    // The SRM check runs 10 times per rollout at p < 0.001: it should almost never fire.
    expect(blocked / runs).toBeLessThan(0.03);
  });

  it("power: a candidate converting at 12% against 10% is advanced, never aborted", () => {
    const random = seededRandom(7);
    const runs = 300;
    let advanced = 0;
    let aborted = 0;
    for (let i = 0; i < runs; i++) {
      const decisions = simulateRollout(random, { ...baseline, conversion: 0.12 }, baseline);
      if (decisions.includes("advance")) advanced += 1;
      if (decisions.includes("abort")) aborted += 1;
    }
    console.log(
      `power: advanced in ${advanced}/${runs} = ${((advanced / runs) * 100).toFixed(1)}%; aborted ${aborted}`,
    );
    expect(advanced / runs).toBeGreaterThan(0.9);
    expect(aborted).toBe(0);
  });

  it("harm: doubled errors (2% → 4%) abort the rollout", () => {
    const random = seededRandom(11);
    const runs = 300;
    let aborted = 0;
    for (let i = 0; i < runs; i++) {
      if (simulateRollout(random, { ...baseline, errorRate: 0.04 }, baseline).includes("abort")) aborted += 1;
    }
    console.log(`harm: aborted in ${aborted}/${runs} = ${((aborted / runs) * 100).toFixed(1)}%`);
    expect(aborted / runs).toBeGreaterThan(0.9);
  });

  it("SRM: a 52/48 split under a 50/50 design blocks every decision once 20k units are in", () => {
    const random = seededRandom(3);
    // The candidate is also better, so a broken split cannot hide behind an inconclusive metric.
    const decisions = simulateRollout(random, { ...baseline, conversion: 0.13 }, baseline, 0.48);
    console.log(`SRM: decisions by look ${decisions.join(", ")}`);
    expect(decisions.at(-1)).toBe("blocked");
  });
});
