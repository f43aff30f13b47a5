import { describe, expect, it } from "vitest";
import { attemptsCost, costMicroUsd, formatUsd, UNPRICED } from "./cost";

describe("call cost in micro-dollars", () => {
  it("is tokens × price per million, since $ per million tokens is micro-dollars per token", () => {
    expect(costMicroUsd({ inputPerMillion: 2.5, outputPerMillion: 10 }, 1000, 200)).toBe(2500 + 2000);
  });

  it("rounds a fraction of a micro-dollar up, but not float noise", () => {
    // 0.15 × 100 is 15.000000000000002 in floating point: still 15.
    expect(costMicroUsd({ inputPerMillion: 0.15, outputPerMillion: null }, 100, 0)).toBe(15);
    expect(costMicroUsd({ inputPerMillion: 0.15, outputPerMillion: null }, 3, 0)).toBe(1);
  });

  it("is 0 for an unpriced version or a call without tokens", () => {
    expect(costMicroUsd(UNPRICED, 5000, 5000)).toBe(0);
    expect(costMicroUsd({ inputPerMillion: 1, outputPerMillion: 1 }, null, null)).toBe(0);
  });

  it("sums a call's attempts and prints dollars with six decimals", () => {
    expect(attemptsCost([{ costMicroUsd: 11_000 }, {}, { costMicroUsd: 1 }])).toBe(11_001);
    expect(formatUsd(11_001)).toBe("0.011001");
    expect(formatUsd(250_000_000)).toBe("250.000000");
  });
});
