import { describe, expect, it } from "vitest";
import { chooseRoute } from "./choose-route";

const stable = "00000000-0000-4000-8000-000000000001";
const candidate = "00000000-0000-4000-8000-000000000002";
const policy = (mode: "stable" | "split" | "shadow", candidateWeight = 0) => ({
  mode,
  candidateWeight,
  salt: "r1",
});

describe("chooseRoute", () => {
  it("serves stable with no candidate or in stable mode", () => {
    expect(chooseRoute({ policy: policy("split", 100), stableVersionId: stable, unitKey: "u" })).toEqual({
      primaryVersionId: stable,
      arm: "stable",
    });
    expect(
      chooseRoute({
        policy: policy("stable"),
        stableVersionId: stable,
        candidateVersionId: candidate,
        unitKey: "u",
      }).primaryVersionId,
    ).toBe(stable);
  });

  it("sends a split's candidate units to the candidate with stable as fallback, stickily", () => {
    const routes = Array.from({ length: 2000 }, (_, i) =>
      chooseRoute({
        policy: policy("split", 25),
        stableVersionId: stable,
        candidateVersionId: candidate,
        unitKey: `u${i}`,
      }),
    );
    const onCandidate = routes.filter((r) => r.arm === "candidate");
    expect(onCandidate.length / routes.length).toBeGreaterThan(0.2);
    expect(onCandidate.length / routes.length).toBeLessThan(0.3);
    expect(onCandidate.every((r) => r.fallbackVersionId === stable)).toBe(true);
    const again = chooseRoute({
      policy: policy("split", 25),
      stableVersionId: stable,
      candidateVersionId: candidate,
      unitKey: "u7",
    });
    expect(again).toEqual(routes[7]);
  });

  it("mirrors to the candidate in shadow mode but serves stable", () => {
    expect(
      chooseRoute({
        policy: policy("shadow"),
        stableVersionId: stable,
        candidateVersionId: candidate,
        unitKey: "u",
      }),
    ).toEqual({
      primaryVersionId: stable,
      shadowVersionId: candidate,
      arm: "stable",
    });
  });

  it("pins an override, falling back to stable", () => {
    expect(
      chooseRoute({
        policy: policy("stable"),
        stableVersionId: stable,
        candidateVersionId: candidate,
        unitKey: "u",
        overrideVersionId: candidate,
      }),
    ).toEqual({ primaryVersionId: candidate, fallbackVersionId: stable, arm: "override" });
  });
});
