import { describe, expect, it } from "vitest";
import type { Audience } from "@/lib/personalisation/feature-schema";
import { collectCheckVerdicts } from "./collect-check-verdicts";
import { driftWindows } from "./drift-windows";
import { measureDrift, type DriftInputs } from "./measure-drift";

const audience = (segment: string, visits30d: number): Audience => ({
  segment,
  locale: "en-GB",
  device: "mobile",
  channel: "email",
  daysSinceLastVisit: null,
  visits30d,
});

const inputs = (n: number, segment: (i: number) => string): DriftInputs => ({
  audiences: Array.from({ length: n }, (_, i) => audience(segment(i), i % 5)),
  briefs: [],
  checks: new Map(),
});

describe("driftWindows", () => {
  it("floors to the hour, so any moment within it gives the same touching windows", () => {
    const a = driftWindows({ asOf: new Date("2026-06-01T12:01:00Z"), currentHours: 24, referenceDays: 7 });
    const b = driftWindows({ asOf: new Date("2026-06-01T12:59:59Z"), currentHours: 24, referenceDays: 7 });
    expect(a).toEqual(b);
    expect(a.current).toEqual({
      start: new Date("2026-05-31T12:00:00Z"),
      end: new Date("2026-06-01T12:00:00Z"),
    });
    expect(a.reference).toEqual({ start: new Date("2026-05-24T12:00:00Z"), end: a.current.start });
  });
});

describe("collectCheckVerdicts", () => {
  it("reads a list of results and results per slot; a failure in any slot fails the subject", () => {
    const list = [
      { checkId: "banned-terms", verdict: "pass" },
      { checkId: "readability", verdict: "fail" },
    ];
    expect(collectCheckVerdicts(list)).toEqual(
      new Map([
        ["banned-terms", false],
        ["readability", true],
      ]),
    );
    const perSlot = {
      headline: { score: 90, results: [{ checkId: "banned-terms", verdict: "fail" }] },
      body: { score: 100, results: [{ checkId: "banned-terms", verdict: "warn" }] },
    };
    expect(collectCheckVerdicts(perSlot)).toEqual(new Map([["banned-terms", true]]));
    expect(collectCheckVerdicts({})).toEqual(new Map());
    expect(collectCheckVerdicts(null)).toEqual(new Map());
  });
});

describe("measureDrift", () => {
  it("judges each audience feature from the feature schema, alerting only on the one that moved", () => {
    const out = measureDrift({
      reference: inputs(200, (i) => (i % 2 ? "new" : "loyal")),
      current: inputs(200, (i) => (i % 4 ? "bargain" : "loyal")),
    });
    expect(out.map((m) => m.signal)).toEqual([
      "audience.segment",
      "audience.locale",
      "audience.device",
      "audience.channel",
      "audience.daysSinceLastVisit",
      "audience.visits30d",
    ]);
    expect(out.filter((m) => m.status !== "ok").map((m) => m.signal)).toEqual(["audience.segment"]);
    expect(out.every((m) => m.personalisation && m.threshold === 0.25)).toBe(true);
  });

  it("leaves out signals with too few observations rather than calling them ok", () => {
    const out = measureDrift({
      reference: inputs(29, () => "new"),
      current: inputs(200, () => "bargain"),
    });
    expect(out).toEqual([]);
  });

  it("compares a check's failure rate only when both windows ran it enough", () => {
    const reference = {
      ...inputs(0, () => ""),
      checks: new Map([["banned-terms", { failed: 5, total: 100 }]]),
    };
    const current = {
      ...inputs(0, () => ""),
      checks: new Map([
        ["banned-terms", { failed: 40, total: 100 }],
        ["new-check", { failed: 90, total: 100 }],
      ]),
    };
    const out = measureDrift({ reference, current });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      signal: "checks.banned-terms.failure_rate",
      statistic: "psi",
      status: "alert",
      referenceCount: 100,
      currentCount: 100,
    });
    expect(out[0]!.pValue).toBeLessThan(0.01);
  });
});
