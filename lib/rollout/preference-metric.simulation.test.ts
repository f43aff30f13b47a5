/**
 * The blind preference metric at the sample sizes reviewers produce, analysed at every look
 * with decideRollout as the job runs it: 10 looks of 10 judgments (100 at the end), primary
 * preference_rate, its own mixing variance (PREFERENCE_MIXING_VARIANCE). Seeded
 * (seededRandom), so the measured rates are fixed numbers, printed for the record.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/stats/create-rng";
import { decideRollout, type RolloutDecision, type RolloutState } from "./decide-rollout";
import { PREFERENCE_MIXING_VARIANCE } from "./read-arm-totals";

const LOOKS = 10;
const PER_LOOK = 10;
const ALPHA = 0.05;

/** One rollout: judgments better / same / worse with the given chances; the first decision that acts. */
function simulate(random: () => number, better: number, same: number): RolloutDecision {
  const j = { n: 0, sum: 0, sumSquares: 0 };
  let state: RolloutState | undefined;
  for (let look = 0; look < LOOKS; look++) {
    for (let i = 0; i < PER_LOOK; i++) {
      const u = random();
      const s = u < better ? 1 : u < better + same ? 0.5 : 0;
      j.n += 1;
      j.sum += s;
      j.sumSquares += s * s;
    }
    const r = decideRollout({
      arms: { candidate: { units: j.n, weight: 50 }, stable: { units: j.n, weight: 50 } },
      primary: {
        id: "preference_rate",
        kind: "preference",
        higherIsBetter: true,
        judgments: { ...j },
        mixingVariance: PREFERENCE_MIXING_VARIANCE,
      },
      alpha: ALPHA,
      minSamplesPerArm: 10,
      finalStage: true,
      state,
    });
    state = r.state;
    if (r.decision === "promote" || r.decision === "abort") return r.decision;
  }
  return "hold";
}

function rates(seed: number, better: number, same: number, runs = 2000) {
  const random = seededRandom(seed);
  const count = { promote: 0, abort: 0 };
  for (let i = 0; i < runs; i++) {
    const d = simulate(random, better, same);
    if (d === "promote" || d === "abort") count[d] += 1;
  }
  return { promote: count.promote / runs, abort: count.abort / runs };
}

describe("preference_rate under decideRollout", () => {
  it("at parity (30% better, 40% same, 30% worse) decides wrongly at most α over every look", () => {
    const r = rates(17, 0.3, 0.4);
    console.log(`A/A: promote ${(100 * r.promote).toFixed(1)}%, abort ${(100 * r.abort).toFixed(1)}%`);
    expect(r.promote + r.abort).toBeLessThanOrEqual(ALPHA + 0.015);
  });

  it("holds back a candidate reviewers clearly prefer less (15% better, 25% same, 60% worse)", () => {
    const r = rates(23, 0.15, 0.25, 500);
    console.log(`worse: abort ${(100 * r.abort).toFixed(1)}%, promote ${(100 * r.promote).toFixed(1)}%`);
    expect(r.abort).toBeGreaterThan(0.8);
    expect(r.promote).toBe(0);
  });
});
