import { describe, expect, it } from "vitest";
import { chooseDiffBase } from "./choose-diff-base";

const revisions = [1, 2, 3, 4].map((n) => ({ id: `r${n}`, number: n }));
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe("chooseDiffBase", () => {
  it("compares from the revision this reviewer last decided on, not the one before the current", () => {
    const base = chooseDiffBase({
      revisions,
      userId: "bruno",
      history: [
        { action: "claimed", revisionId: "r2", userId: "bruno", at: at(1) },
        { action: "changes_requested", revisionId: "r2", userId: "bruno", at: at(2) },
        { action: "edited", revisionId: "r3", userId: "mia", at: at(3) },
        { action: "edited", revisionId: "r4", userId: "mia", at: at(4) },
        // Someone else's later verdict does not move this reviewer's base.
        { action: "rejected", revisionId: "r3", userId: "lena", at: at(5) },
        // Claiming the new revision is not a verdict on it.
        { action: "claimed", revisionId: "r4", userId: "bruno", at: at(6) },
      ],
    });
    expect(base).toEqual({ from: 2, to: 4, reason: "my_last_decision", action: "changes_requested" });
  });

  it("takes the latest of several verdicts", () => {
    const base = chooseDiffBase({
      revisions,
      userId: "bruno",
      history: [
        { action: "changes_requested", revisionId: "r3", userId: "bruno", at: at(5) },
        { action: "changes_requested", revisionId: "r1", userId: "bruno", at: at(2) },
      ],
    });
    expect(base.from).toBe(3);
  });

  it("falls back to the last two revisions before the reviewer has decided", () => {
    expect(chooseDiffBase({ revisions, userId: "bruno", history: [] })).toEqual({
      from: 3,
      to: 4,
      reason: "previous",
    });
  });

  it("falls back when the last verdict was on the current revision (nothing changed since)", () => {
    const base = chooseDiffBase({
      revisions,
      userId: "bruno",
      history: [{ action: "approved", revisionId: "r4", userId: "bruno", at: at(1) }],
    });
    expect(base).toMatchObject({ from: 3, to: 4, reason: "previous" });
  });

  it("compares a single revision with itself", () => {
    expect(chooseDiffBase({ revisions: [revisions[0]!], userId: "bruno", history: [] })).toMatchObject({
      from: 1,
      to: 1,
    });
  });
});
