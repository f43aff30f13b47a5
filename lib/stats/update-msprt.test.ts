/**
 * Reference values: SciPy 1.17.1 on this machine, *not* from the closed form: Λ is the
 * mixture integral ∫ N(θ̂; θ, V) N(θ; 0, τ²) dθ / N(θ̂; 0, V) by integrate.quad, and the
 * interval's ends are the θ₀ where that integral (centred at θ₀) equals 1/α, by optimize.brentq.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { updateMsprt, type MsprtState } from "./update-msprt";

describe("updateMsprt", () => {
  const cases: [number, number, number, number, number, number, number][] = [
    // θ̂, V, τ², α, Λ, lower, upper
    [0.012, 2.2e-5, 1e-4, 0.05, 6.209460664231324, -0.0023800992290346065, 0.026380099229034604],
    [1.2, 0.16, 0.04, 0.05, 2.199935901686764, -1.0297278934295453, 3.4297278934295434],
    [0.003, 1.8e-5, 9e-6, 0.1, 0.8874534402305833, -0.013449143013579691, 0.0194491430135797],
  ];

  it.each(cases)(
    "matches the numerically integrated mixture for θ̂ = %f",
    (estimate, variance, tau2, alpha, lambda, lower, upper) => {
      const r = updateMsprt({ estimate, variance, mixingVariance: tau2, alpha });
      expect(r.likelihoodRatio).toBeCloseTo(lambda, 8);
      expect(r.state.pValue).toBeCloseTo(Math.min(1, 1 / lambda), 8);
      expect(r.state.interval!.lower).toBeCloseTo(lower, 8);
      expect(r.state.interval!.upper).toBeCloseTo(upper, 8);
    },
  );

  it("carries the running minimum and the intersected interval across looks", () => {
    const first = updateMsprt({ estimate: 0.012, variance: 2.2e-5, mixingVariance: 1e-4, alpha: 0.05 });
    // A later look with a smaller effect: p may not rise, the interval may not widen.
    const second = updateMsprt({
      estimate: 0.001,
      variance: 1e-5,
      mixingVariance: 1e-4,
      alpha: 0.05,
      state: first.state,
    });
    expect(second.state.looks).toBe(2);
    expect(second.state.pValue).toBe(first.state.pValue);
    expect(second.state.interval!.upper).toBeLessThan(first.state.interval!.upper);
  });

  it("a look without variance carries no evidence", () => {
    const r = updateMsprt({ estimate: 0, variance: 0, mixingVariance: 1, alpha: 0.05 });
    expect(r.state.pValue).toBe(1);
    expect(r.state.interval).toBeNull();
    expect(r.likelihoodRatio).toBe(1);
  });

  it("state survives a JSON round trip unchanged (it is stored with the rollout)", () => {
    const empty = updateMsprt({ estimate: 0, variance: 0, mixingVariance: 1, alpha: 0.05 }).state;
    const stored = JSON.parse(JSON.stringify(empty)) as typeof empty;
    expect(stored).toEqual(empty);
    const next = updateMsprt({
      estimate: 0.012,
      variance: 2.2e-5,
      mixingVariance: 1e-4,
      alpha: 0.05,
      state: stored,
    });
    expect(next.state.interval!.lower).toBeCloseTo(-0.0023800992290346065, 8);
  });

  it("property: p never rises, the interval never widens, and it holds the estimate when p ≥ α", () => {
    const look = fc.record({
      estimate: fc.double({ min: -1, max: 1, noNaN: true }),
      variance: fc.double({ min: 1e-8, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(look, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (looks, tau2) => {
          let state: MsprtState | undefined;
          for (const { estimate, variance } of looks) {
            const next = updateMsprt({ estimate, variance, mixingVariance: tau2, alpha: 0.05, state }).state;
            if (state) {
              expect(next.pValue).toBeLessThanOrEqual(state.pValue);
              expect(next.interval!.lower).toBeGreaterThanOrEqual(state.interval!.lower);
              expect(next.interval!.upper).toBeLessThanOrEqual(state.interval!.upper);
            }
            state = next;
          }
          // At a single look the interval is exactly the set of θ₀ not rejected, so it contains θ̂.
          const one = updateMsprt({ ...looks[0]!, mixingVariance: tau2, alpha: 0.05 }).state;
          expect(one.interval!.lower).toBeLessThanOrEqual(looks[0]!.estimate);
          expect(one.interval!.upper).toBeGreaterThanOrEqual(looks[0]!.estimate);
        },
      ),
    );
  });
});
