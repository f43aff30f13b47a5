import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it.each([
    // What the sign-in page receives once the query string is decoded.
    ["/\\evil.example/phish"],
    ["/\t/evil.example/phish"],
    ["//evil.example/phish"],
    ["/\\/evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    [" //evil.example"],
    ["\n//evil.example"],
  ])("never leaves the app's origin: %j", (input) => {
    const path = safeCallbackPath(input, ORIGIN);
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    expect(path).toBe("/");
  });

  it("the two reported forms, decoded as the page decodes them, stay home", () => {
    for (const raw of ["/%5Cevil.example/phish", "/%09/evil.example/phish"]) {
      const decoded = new URLSearchParams(`callbackUrl=${raw}`).get("callbackUrl")!;
      const path = safeCallbackPath(decoded, ORIGIN);
      // A browser given the answer resolves it against the app: it must stay on the app.
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    }
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeCallbackPath("/review?tab=mine#x", ORIGIN)).toBe("/review?tab=mine#x");
    expect(safeCallbackPath(`${ORIGIN}/library`, ORIGIN)).toBe("/library");
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
  });
});
