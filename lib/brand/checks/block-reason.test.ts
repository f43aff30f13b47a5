import { describe, expect, it } from "vitest";
import { blockReason } from "./block-reason";
import type { CheckResult } from "./types";

const result = (verdict: CheckResult["verdict"], explanation: string): CheckResult => ({
  checkId: "x",
  verdict,
  explanation,
  spans: [],
});

describe("blockReason", () => {
  it("names the failing checks, cut before their list of findings when the head says enough", () => {
    expect(
      blockReason([
        result(
          "fail",
          "62% of the image is off-palette (ΔE > 10; limit 50%): #ff00ff (62%, ΔE 40.1 from Pine).",
        ),
        result("warn", "Reads at grade 9; the target is 8 or below."),
        result("fail", "Names a competitor: “TrailCo”."),
      ]),
    ).toBe("62% of the image is off-palette (ΔE > 10; limit 50%); Names a competitor: “TrailCo”");
  });

  it("is null when nothing failed", () => {
    expect(blockReason([result("warn", "Close to the limit.")])).toBeNull();
  });
});
