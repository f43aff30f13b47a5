import { describe, expect, it } from "vitest";
import { decideRollout, type DecideRolloutOptions, type RolloutState } from "./decide-rollout";

const arms = (candidate: number, stable: number) => ({
  candidate: { units: candidate, weight: 50 },
  stable: { units: stable, weight: 50 },
});

const base = (n: number, conversions: [number, number], errors: [number, number]): DecideRolloutOptions => ({
  arms: arms(n, n),
  primary: {
    id: "conversion",
    kind: "proportion",
    higherIsBetter: true,
    candidate: { n, successes: conversions[0] },
    stable: { n, successes: conversions[1] },
  },
  guardrails: [
    {
      id: "error_rate",
      kind: "proportion",
      higherIsBetter: false,
      tolerance: 0.005,
      candidate: { n, successes: errors[0] },
      stable: { n, successes: errors[1] },
    },
  ],
  minSamplesPerArm: 1000,
});

describe("decideRollout", () => {
  it("blocks on a 52/48 split of 20k units under a 50/50 design, whatever the metrics say, and keeps the state", () => {
    const state: RolloutState = {
      conversion: {
        mixingVariance: 1e-4,
        msprt: { looks: 3, pValue: 0.2, interval: { lower: -0.01, upper: 0.03 } },
      },
    };
    const r = decideRollout({ ...base(10000, [1500, 1000], [100, 100]), arms: arms(10400, 9600), state });
    expect(r.decision).toBe("blocked");
    expect(r.reasons[0]!.code).toBe("sample_ratio_mismatch");
    expect(r.state).toBe(state);
  });

  it("holds until both arms reach the minimum", () => {
    const r = decideRollout(base(500, [100, 50], [5, 5]));
    expect(r.decision).toBe("hold");
    expect(r.reasons.map((x) => x.code)).toEqual(["not_enough_samples"]);
  });

  it("advances a clear winner, and promotes it at the final stage", () => {
    const winner = base(10000, [1300, 1000], [200, 200]);
    const r = decideRollout(winner);
    expect(r.decision).toBe("advance");
    expect(r.reasons[0]!.code).toBe("primary_better");
    expect(r.metrics.find((m) => m.id === "conversion")!.bayes!.chanceToBeat).toBeGreaterThan(0.99);
    expect(decideRollout({ ...winner, finalStage: true }).decision).toBe("promote");
  });

  it("aborts on a guardrail breach even when the primary wins", () => {
    const r = decideRollout(base(10000, [1300, 1000], [500, 200]));
    expect(r.decision).toBe("abort");
    expect(r.reasons.map((x) => x.code)).toEqual(["guardrail_breached"]);
  });

  it("does not abort on a guardrail that is worse but within tolerance", () => {
    // +0.2 points of errors against a 0.5 point tolerance, on a huge sample.
    const r = decideRollout(base(200_000, [20_000, 20_000], [4400, 4000]));
    expect(r.metrics.find((m) => m.id === "error_rate")!.breached).toBe(false);
    expect(r.decision).toBe("hold");
  });

  it("aborts when the primary is clearly worse", () => {
    const r = decideRollout(base(10000, [700, 1000], [200, 200]));
    expect(r.decision).toBe("abort");
    expect(r.reasons[0]!.code).toBe("primary_worse");
  });

  it("holds an inconclusive primary, and reports BH-adjusted secondary metrics", () => {
    const r = decideRollout({
      ...base(5000, [510, 500], [100, 100]),
      secondary: [
        {
          id: "clicks",
          kind: "proportion",
          higherIsBetter: true,
          candidate: { n: 5000, successes: 900 },
          stable: { n: 5000, successes: 700 },
        },
        {
          id: "dwell",
          kind: "mean",
          higherIsBetter: true,
          candidate: { n: 5000, mean: 30, variance: 100 },
          stable: { n: 5000, mean: 30.1, variance: 100 },
        },
      ],
    });
    expect(r.decision).toBe("hold");
    expect(r.reasons[0]!.code).toBe("inconclusive");
    const clicks = r.metrics.find((m) => m.id === "clicks")!;
    expect(clicks.adjustedPValue).toBeGreaterThanOrEqual(clicks.pValue);
    expect(clicks.adjustedPValue).toBeLessThan(0.05);
  });

  it("fixes the mixing variance at the first evaluated look and carries it", () => {
    const first = decideRollout(base(2000, [210, 200], [40, 40]));
    const tau2 = first.state.conversion!.mixingVariance;
    const second = decideRollout({ ...base(4000, [400, 420], [80, 80]), state: first.state });
    expect(second.state.conversion!.mixingVariance).toBe(tau2);
    expect(second.state.conversion!.msprt.looks).toBe(2);
  });

  it("refuses two metrics with the same id, which would share sequential state", () => {
    const options = base(2000, [200, 200], [40, 40]);
    expect(() => decideRollout({ ...options, secondary: [{ ...options.primary }] })).toThrow(/conversion/);
  });
});
