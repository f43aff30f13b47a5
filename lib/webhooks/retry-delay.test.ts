import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-delay";

describe("retryDelayMs", () => {
  it("grows threefold per attempt around the base, within ±25 % jitter, capped at an hour", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 2000, mid))).toEqual([2000, 6000, 18000, 54000]);
    expect(retryDelayMs(1, 2000, () => 0)).toBe(1500);
    expect(retryDelayMs(1, 2000, () => 0.999999)).toBe(2500);
    expect(retryDelayMs(20, 2000, mid)).toBe(60 * 60 * 1000);
  });
});
