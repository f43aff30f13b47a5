import { describe, expect, it } from "vitest";
import { brandKitSchema, DEMO_KIT } from "@/lib/brand/kit";
import { formToKit, kitToForm, splitLines } from "./kit-form";

describe("kit form", () => {
  it("turns the demo kit into a form and back into the same kit", () => {
    const kit = { ...DEMO_KIT, logos: [{ assetId: "6c9f0a52-3a4f-4a7e-9a55-0d6c2c1a7b11" }] };
    expect(brandKitSchema.parse(formToKit(kitToForm(kit)))).toEqual(kit);
  });

  it("keeps the direction of a terminology rule: use the preferred term instead of the deprecated", () => {
    const form = kitToForm(DEMO_KIT);
    expect(form.terminology[0]).toEqual({ preferred: "affordable", deprecated: "cheap" });
    form.terminology.push({ preferred: "trail runners", deprecated: "sneakers" });
    const kit = brandKitSchema.parse(formToKit(form));
    expect(kit.terminology.at(-1)).toEqual({ deprecated: "sneakers", preferred: "trail runners" });
  });

  it("reads lists one entry per line, skipping blank lines, and leaves empty channels out", () => {
    const form = kitToForm(DEMO_KIT);
    form.competitors = "  Summit Supply \n\nTrailCo\n";
    form.disclaimers.email = "\n";
    form.disclaimers.push = "Reply STOP to opt out.";
    form.lengthLimits.landing = " ";
    const kit = brandKitSchema.parse(formToKit(form));
    expect(kit.competitors).toEqual(["Summit Supply", "TrailCo"]);
    expect(kit.disclaimers).toEqual({
      push: ["Reply STOP to opt out."],
      landing: DEMO_KIT.disclaimers.landing,
      display: DEMO_KIT.disclaimers.display,
    });
    expect(kit.lengthLimits.landing).toBeUndefined();
    expect(splitLines(" a \n\n b")).toEqual(["a", "b"]);
  });

  it("sends numbers as numbers and anything else as typed, so the schema names the field", () => {
    const form = kitToForm(DEMO_KIT);
    form.threshold = " 80 ";
    form.tolerance = "ten";
    form.colours[2]!.hex = "#GGG";
    const json = formToKit(form);
    expect(json.threshold).toBe(80);
    const result = brandKitSchema.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "palette.colours.2.hex",
      "palette.tolerance",
    ]);
  });

  it("keeps a blank row in place so an error's index is the row on screen", () => {
    const form = kitToForm(DEMO_KIT);
    form.bannedTerms.splice(1, 0, { term: "", reason: "" });
    const result = brandKitSchema.safeParse(formToKit(form));
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "bannedTerms.1.term",
      "bannedTerms.1.reason",
    ]);
  });
});
