import { describe, expect, it } from "vitest";
import { displayBand } from "./display-band";

describe("displayBand", () => {
  it("keeps a rate's band within 0% and 100%", () => {
    const low = displayBand("proportion", 0.02, 0.05);
    expect(low.lower).toBe(0);
    expect(low.upper).toBeCloseTo(0.07);
    const high = displayBand("proportion", 0.98, 0.05);
    expect(high.lower).toBeCloseTo(0.93);
    expect(high.upper).toBe(1);
  });

  it("keeps a mean's band at or above zero, with no ceiling", () => {
    expect(displayBand("mean", 40, 120)).toEqual({ lower: 0, upper: 160 });
  });

  it("leaves a band inside the range alone", () => {
    const band = displayBand("proportion", 0.5, 0.1);
    expect(band.lower).toBeCloseTo(0.4);
    expect(band.upper).toBeCloseTo(0.6);
  });
});
