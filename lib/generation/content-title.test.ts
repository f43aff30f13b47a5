import { describe, expect, it } from "vitest";
import { contentTitle } from "./content-title";

describe("contentTitle", () => {
  it("prefers the piece's own headline, then its subject", () => {
    expect(contentTitle("A long brief.", { headline: "Get out there this autumn", subject: "S" })).toBe(
      "Get out there this autumn",
    );
    expect(contentTitle("A long brief.", { subject: "Your trail guide", intro: "x" })).toBe(
      "Your trail guide",
    );
  });

  it("uses the brief's first sentence, cut at a word boundary with an ellipsis", () => {
    expect(contentTitle("Invite hikers to the trail. Mention the sale.", { post: "p" })).toBe(
      "Invite hikers to the trail.",
    );
    const brief =
      "Invite weekend hikers to try our new rain jacket on an autumn trail and mention the free repairs for life";
    const title = contentTitle(brief, { post: "p" });
    expect(title).toBe("Invite weekend hikers to try our new rain jacket on an autumn trail and…");
    expect(Array.from(title).length).toBeLessThanOrEqual(80);
    expect(brief.startsWith(title.slice(0, -1))).toBe(true);
  });
});
