import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignVariant, type AssignmentArm } from "./assign";
import { hashToUnitInterval } from "./assign-hash";

/** ln Γ(x) by Lanczos (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Upper regularized incomplete gamma Q(a, x): series below a + 1, continued fraction above. */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * front;
  }
  // Lentz's method for the continued fraction of Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h * front;
}

/** P(X >= statistic) for X ~ chi-square with `df` degrees of freedom. */
function chiSquarePValue(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}

function countAssignments(salt: string, arms: AssignmentArm[], units: number): Map<string, number> {
  const counts = new Map<string, number>(arms.map((a) => [a.id, 0]));
  for (let i = 0; i < units; i++) {
    const arm = assignVariant({ salt, unitKey: `customer-${i}`, arms });
    counts.set(arm, (counts.get(arm) ?? 0) + 1);
  }
  return counts;
}

describe("chi-square p-value (the test's own yardstick)", () => {
  it("matches published critical values at p = 0.001", () => {
    // df → critical value, from standard tables.
    const table: [number, number][] = [
      [1, 10.828],
      [2, 13.816],
      [3, 16.266],
      [4, 18.467],
      [5, 20.515],
      [10, 29.588],
    ];
    for (const [df, critical] of table) expect(chiSquarePValue(critical, df)).toBeCloseTo(0.001, 5);
    expect(chiSquarePValue(0, 3)).toBe(1);
  });
});

describe("hashToUnitInterval", () => {
  it("stays strictly inside (0, 1) and separates ambiguous concatenations", () => {
    const u = hashToUnitInterval(["a:b", "c"]);
    expect(u).toBeGreaterThan(0);
    expect(u).toBeLessThan(1);
    expect(u).not.toBe(hashToUnitInterval(["a", "b:c"]));
  });
});

describe("assignVariant", () => {
  const arms = [
    { id: "control", weight: 50 },
    { id: "candidate-a", weight: 30 },
    { id: "candidate-b", weight: 15 },
    { id: "candidate-c", weight: 5 },
  ];

  it("is sticky: the same unit gets the same arm on every call (a pure function, so in every process)", () => {
    for (let i = 0; i < 1000; i++) {
      const unitKey = `user-${i}`;
      const first = assignVariant({ salt: "rollout-1", unitKey, arms });
      expect(assignVariant({ salt: "rollout-1", unitKey, arms })).toBe(first);
      expect(assignVariant({ salt: "rollout-1", unitKey, arms: [...arms].reverse() })).toBe(first);
    }
    // Pinned values: a change to the hashing would silently reshuffle every live rollout.
    expect(hashToUnitInterval(["rollout-1", "user-0", "control"])).toMatchInlineSnapshot(
      `0.6723463864346014`,
    );
    expect(assignVariant({ salt: "rollout-1", unitKey: "user-0", arms })).toMatchInlineSnapshot(
      `"candidate-c"`,
    );
  });

  it("splits 100k units in line with the weights (chi-square does not reject at p = 0.001)", () => {
    const units = 100_000;
    const counts = countAssignments("rollout-chi", arms, units);
    const total = arms.reduce((s, a) => s + a.weight, 0);
    let statistic = 0;
    for (const arm of arms) {
      const expected = (units * arm.weight) / total;
      statistic += (counts.get(arm.id)! - expected) ** 2 / expected;
    }
    const df = arms.length - 1;
    expect(statistic).toBeLessThan(16.266); // critical value, df = 3, p = 0.001
    expect(chiSquarePValue(statistic, df)).toBeGreaterThan(0.001);
  });

  it("detects a skewed split, so the chi-square check above can fail", () => {
    const counts = countAssignments(
      "rollout-chi",
      [
        { id: "control", weight: 52 },
        { id: "candidate", weight: 48 },
      ],
      100_000,
    );
    const statistic =
      (counts.get("control")! - 50_000) ** 2 / 50_000 + (counts.get("candidate")! - 50_000) ** 2 / 50_000;
    expect(chiSquarePValue(statistic, 1)).toBeLessThan(0.001);
  });

  it("reshuffles when the salt changes", () => {
    const split = [
      { id: "a", weight: 1 },
      { id: "b", weight: 1 },
    ];
    let same = 0;
    const units = 20_000;
    for (let i = 0; i < units; i++) {
      const unitKey = `u${i}`;
      if (
        assignVariant({ salt: "r1", unitKey, arms: split }) ===
        assignVariant({ salt: "r2", unitKey, arms: split })
      ) {
        same++;
      }
    }
    // Independent 50/50 draws agree about half the time; a salt that did nothing would give 100%.
    expect(same / units).toBeGreaterThan(0.48);
    expect(same / units).toBeLessThan(0.52);
  });

  it("never assigns an arm of weight 0, and refuses when no arm has weight", () => {
    for (let i = 0; i < 5000; i++) {
      expect(
        assignVariant({
          salt: "r",
          unitKey: `u${i}`,
          arms: [
            { id: "off", weight: 0 },
            { id: "on", weight: 1e-9 },
          ],
        }),
      ).toBe("on");
    }
    expect(() => assignVariant({ salt: "r", unitKey: "u", arms: [{ id: "off", weight: 0 }] })).toThrow(
      /positive weight/,
    );
    expect(() => assignVariant({ salt: "r", unitKey: "u", arms: [] })).toThrow(/positive weight/);
    expect(() => assignVariant({ salt: "r", unitKey: "u", arms: [{ id: "x", weight: NaN }] })).toThrow(
      /invalid/,
    );
  });

  it("ramps with minimal movement: 0% → 10% moves ~10% onto the candidate; 10% → 20% keeps them there", () => {
    const units = 50_000;
    const at = (candidateWeight: number, unitKey: string) =>
      assignVariant({
        salt: "ramp",
        unitKey,
        arms: [
          { id: "control", weight: 100 - candidateWeight },
          { id: "candidate", weight: candidateWeight },
        ],
      });
    let movedAt10 = 0;
    let onCandidateAt10 = 0;
    let onCandidateAt20 = 0;
    for (let i = 0; i < units; i++) {
      const unitKey = `c${i}`;
      const before = at(0, unitKey);
      const ten = at(10, unitKey);
      const twenty = at(20, unitKey);
      expect(before).toBe("control");
      if (ten !== before) movedAt10++;
      if (ten === "candidate") {
        onCandidateAt10++;
        expect(twenty).toBe("candidate");
      }
      if (twenty === "candidate") onCandidateAt20++;
    }
    // Every move is a necessary one: exactly the units the candidate's share requires.
    expect(movedAt10).toBe(onCandidateAt10);
    expect(movedAt10 / units).toBeCloseTo(0.1, 2);
    expect(onCandidateAt20 / units).toBeCloseTo(0.2, 2);
  });

  it("removing an arm only moves that arm's units", () => {
    const three = [
      { id: "a", weight: 2 },
      { id: "b", weight: 1 },
      { id: "c", weight: 1 },
    ];
    for (let i = 0; i < 5000; i++) {
      const unitKey = `u${i}`;
      const before = assignVariant({ salt: "s", unitKey, arms: three });
      const after = assignVariant({ salt: "s", unitKey, arms: three.filter((a) => a.id !== "c") });
      if (before !== "c") expect(after).toBe(before);
    }
  });

  const armsArbitrary = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 8 }),
        weight: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
      }),
      { minLength: 1, maxLength: 8, selector: (a) => a.id },
    )
    .filter((arms) => arms.some((a) => a.weight > 0));

  it("property: any valid weights give an arm with positive weight, deterministically and order-free", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), armsArbitrary, (salt, unitKey, arms) => {
        const chosen = assignVariant({ salt, unitKey, arms });
        const arm = arms.find((a) => a.id === chosen);
        expect(arm?.weight).toBeGreaterThan(0);
        expect(assignVariant({ salt, unitKey, arms })).toBe(chosen);
        expect(assignVariant({ salt, unitKey, arms: [...arms].reverse() })).toBe(chosen);
      }),
      { numRuns: 500 },
    );
  });

  it("property: scaling every weight by the same factor changes nothing", () => {
    fc.assert(
      fc.property(
        fc.string(),
        armsArbitrary,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (unitKey, arms, k) => {
          const scaled = arms.map((a) => ({ ...a, weight: a.weight * k }));
          // Scaling divides every score by k, preserving the order unless rounding creates a tie.
          expect(assignVariant({ salt: "p", unitKey, arms: scaled })).toBe(
            assignVariant({ salt: "p", unitKey, arms }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
