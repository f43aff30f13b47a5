import { describe, expect, it } from "vitest";
import { placeIssues } from "./place-issues";

describe("placeIssues", () => {
  it("gives each issue to the deepest field that holds its path, and keeps the rest apart", () => {
    const { bySlot, unplaced } = placeIssues(
      [
        { path: "content.palette.colours.2.hex", message: "Enter a colour as #rrggbb" },
        { path: "content.competitors.1", message: "Too long" },
        { path: "logos.0.assetId", message: "Not a logo" },
        { path: "baseVersion", message: "Reload" },
      ],
      ["palette", "palette.colours.2.hex", "competitors", "logos"],
    );
    expect(bySlot.get("palette.colours.2.hex")).toEqual([
      { path: "palette.colours.2.hex", message: "Enter a colour as #rrggbb" },
    ]);
    expect(bySlot.get("palette")).toBeUndefined();
    expect(bySlot.get("competitors")).toEqual([{ path: "competitors.1", message: "Too long" }]);
    expect(bySlot.get("logos")).toHaveLength(1);
    expect(unplaced).toEqual([{ path: "baseVersion", message: "Reload" }]);
  });

  it("does not match a slot that is only a prefix of a key (threshold vs thresholds)", () => {
    const { bySlot, unplaced } = placeIssues([{ path: "thresholds", message: "x" }], ["threshold"]);
    expect(bySlot.size).toBe(0);
    expect(unplaced).toHaveLength(1);
  });
});
