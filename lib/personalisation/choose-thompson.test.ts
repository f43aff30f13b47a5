import { describe, expect, it } from "vitest";
import { chooseThompson, type ArmOutcomes } from "./choose-thompson";
import { createRng } from "@/lib/stats/create-rng";
import { sampleBeta, sampleGamma } from "./sample-beta";

function moments(samples: number[]) {
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (samples.length - 1);
  return { mean, variance };
}

describe("Beta sampling via Marsaglia–Tsang gamma", () => {
  it("is replayable from a seed", () => {
    const a = createRng("seed-1");
    const b = createRng("seed-1");
    const c = createRng("seed-2");
    const fromA = Array.from({ length: 5 }, () => sampleBeta(a, 3, 7));
    expect(Array.from({ length: 5 }, () => sampleBeta(b, 3, 7))).toEqual(fromA);
    expect(Array.from({ length: 5 }, () => sampleBeta(c, 3, 7))).not.toEqual(fromA);
  });

  it.each([0.3, 1, 2.5, 40])("Gamma(%d) has mean k and variance k", (shape) => {
    const rng = createRng(`gamma-${shape}`);
    const { mean, variance } = moments(Array.from({ length: 40_000 }, () => sampleGamma(rng, shape)));
    // Standard error of the mean is sqrt(k / n); 5 of them is a loose but failing-capable bound.
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / 40_000));
    expect(variance / shape).toBeGreaterThan(0.95);
    expect(variance / shape).toBeLessThan(1.05);
  });

  it("Beta(a, b) has mean a / (a + b) and the right variance", () => {
    const rng = createRng("beta");
    const [a, b] = [3, 9];
    const { mean, variance } = moments(Array.from({ length: 40_000 }, () => sampleBeta(rng, a, b)));
    expect(mean).toBeCloseTo(a / (a + b), 2);
    expect(variance).toBeCloseTo((a * b) / ((a + b) ** 2 * (a + b + 1)), 3);
  });

  it("rejects an invalid shape", () => {
    expect(() => sampleGamma(createRng(1), 0)).toThrow(RangeError);
  });
});

describe("chooseThompson", () => {
  it("concentrates on the better arm over rounds", () => {
    const trueRates = new Map([
      ["short-offer", 0.05],
      ["long-no-offer", 0.08],
      ["medium", 0.03],
    ]);
    const arms: ArmOutcomes[] = [...trueRates.keys()].map((id) => ({ id, successes: 0, failures: 0 }));
    const rng = createRng("bandit");
    const outcomeRng = createRng("world");
    const rounds = 6000;
    let bestInLastThousand = 0;
    let bestInFirstHundred = 0;
    for (let round = 0; round < rounds; round++) {
      const { id } = chooseThompson({ arms, rng });
      const arm = arms.find((a) => a.id === id)!;
      if (outcomeRng.next() < trueRates.get(id)!) arm.successes++;
      else arm.failures++;
      if (id === "long-no-offer" && round < 100) bestInFirstHundred++;
      if (id === "long-no-offer" && round >= rounds - 1000) bestInLastThousand++;
    }
    // Early on it explores (far from all-in); by the end most traffic goes to the best arm.
    expect(bestInFirstHundred).toBeLessThan(80);
    expect(bestInLastThousand).toBeGreaterThan(800);
    const shown = (id: string) => arms.find((a) => a.id === id)!;
    expect(shown("medium").successes + shown("medium").failures).toBeLessThan(
      shown("long-no-offer").failures,
    );
  });

  it("explores evenly with no evidence and exploits with overwhelming evidence", () => {
    const rng = createRng("even");
    const fresh = [
      { id: "a", successes: 0, failures: 0 },
      { id: "b", successes: 0, failures: 0 },
    ];
    let a = 0;
    for (let i = 0; i < 4000; i++) if (chooseThompson({ arms: fresh, rng }).id === "a") a++;
    expect(a / 4000).toBeGreaterThan(0.46);
    expect(a / 4000).toBeLessThan(0.54);
    const known = [
      { id: "a", successes: 500, failures: 9500 },
      { id: "b", successes: 800, failures: 9200 },
    ];
    for (let i = 0; i < 200; i++) expect(chooseThompson({ arms: known, rng }).id).toBe("b");
  });

  it("needs at least one arm", () => {
    expect(() => chooseThompson({ arms: [], rng: createRng(1) })).toThrow(/at least one arm/);
  });
});
