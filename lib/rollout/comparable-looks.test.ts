import { describe, expect, it } from "vitest";
import { comparableLooks } from "./comparable-looks";

const look = (t: number, candidate: number, stable: number) => ({ t, units: { candidate, stable } });

describe("comparableLooks", () => {
  it("starts at the first look where both arms have units", () => {
    const looks = [look(1, 0, 40), look(2, 0, 80), look(3, 2, 120), look(4, 5, 160)];
    expect(comparableLooks(looks).map((l) => l.t)).toEqual([3, 4]);
  });

  it("draws nothing while one arm is empty", () => {
    expect(comparableLooks([look(1, 0, 10), look(2, 7, 0)])).toEqual([]);
    // Decisions stored before units were recorded.
    const old: { t: number; units?: { candidate: number; stable: number } } = { t: 1 };
    expect(comparableLooks([old])).toEqual([]);
  });
});
