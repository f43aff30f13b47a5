import { describe, expect, it } from "vitest";
import { legalReviewPending } from "./legal-review-pending";

const brand = { legal: false, state: "done" as const };

describe("legalReviewPending", () => {
  it("holds while the legal stage waits or is current", () => {
    expect(
      legalReviewPending({
        flagged: true,
        status: "in_review",
        stages: [brand, { legal: true, state: "current" }],
      }),
    ).toBe(true);
    expect(
      legalReviewPending({
        flagged: true,
        status: "in_review",
        stages: [
          { ...brand, state: "current" },
          { legal: true, state: "waiting" },
        ],
      }),
    ).toBe(true);
  });

  it("goes away once legal has approved", () => {
    expect(
      legalReviewPending({
        flagged: true,
        status: "in_review",
        stages: [
          { legal: true, state: "done" },
          { ...brand, state: "current" },
        ],
      }),
    ).toBe(false);
    expect(legalReviewPending({ flagged: true, status: "approved" })).toBe(false);
  });

  it("holds for flagged content not yet in review, and never for unflagged content", () => {
    expect(legalReviewPending({ flagged: true, status: "draft" })).toBe(true);
    expect(
      legalReviewPending({
        flagged: false,
        status: "in_review",
        stages: [{ legal: true, state: "current" }],
      }),
    ).toBe(false);
  });
});
