import { describe, expect, it } from "vitest";
import { DEMO_KIT, brandKitSchema } from "./kit";

describe("brandKitSchema", () => {
  it("accepts the demo kit unchanged", () => {
    expect(brandKitSchema.parse(DEMO_KIT)).toEqual(DEMO_KIT);
  });

  it("names the field of a malformed palette colour", () => {
    const kit = structuredClone(DEMO_KIT);
    kit.palette.colours[0]!.hex = "green";
    const result = brandKitSchema.safeParse(kit);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["palette", "colours", 0, "hex"]);
  });

  it("rejects a threshold outside 0–100 and an unknown channel", () => {
    expect(brandKitSchema.safeParse({ ...DEMO_KIT, threshold: 101 }).success).toBe(false);
    expect(brandKitSchema.safeParse({ ...DEMO_KIT, lengthLimits: { fax: 100 } }).success).toBe(false);
  });

  it("normalises allowed domains to lower case and rejects URLs in their place", () => {
    const parsed = brandKitSchema.parse({ ...DEMO_KIT, allowedLinkDomains: ["Shop.AcmeOutdoor.com"] });
    expect(parsed.allowedLinkDomains).toEqual(["shop.acmeoutdoor.com"]);
    expect(brandKitSchema.safeParse({ ...DEMO_KIT, allowedLinkDomains: ["https://evil.com"] }).success).toBe(
      false,
    );
  });

  it("only accepts built-in claim kinds, never patterns", () => {
    const kit = { ...DEMO_KIT, claims: { phrases: [], kinds: ["(a+)+$"] } };
    expect(brandKitSchema.safeParse(kit).success).toBe(false);
  });
});
