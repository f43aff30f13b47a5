import { describe, expect, it } from "vitest";
import { sampleSlots } from "@/lib/templates/sample-slots";
import { validateSlots } from "@/lib/templates/validate-slots";

describe("sampleSlots", () => {
  it("uses a slot's example and otherwise makes a valid placeholder from its name", () => {
    const slots = [
      { name: "ctaLabel", type: "text", maxLength: 8, required: true, hint: "" },
      { name: "headline", type: "text", maxLength: 80, required: true, hint: "", example: "Hello" },
      { name: "ctaUrl", type: "url", maxLength: 20, required: true, hint: "" },
      { name: "points", type: "list", maxLength: 5, maxItems: 2, required: false, hint: "" },
    ] as const;
    const samples = sampleSlots({ slots: [...slots] });
    expect(samples).toEqual({
      ctaLabel: "Cta labe",
      headline: "Hello",
      ctaUrl: "https://example.com/",
      points: ["Point", "Point"],
    });
    expect(validateSlots([...slots], samples).errors).toEqual([]);
  });
});
