import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { authorize, can } from "./authorize";
import { visibleNav } from "./navigation";
import type { UserPrincipal } from "./principal";

const BRAND_A = "00000000-0000-4000-8000-00000000000a";
const BRAND_B = "00000000-0000-4000-8000-00000000000b";

const session: UserPrincipal = {
  kind: "user",
  sessionId: "00000000-0000-4000-8000-000000000001",
  user: { id: "u", email: "u@example.test", name: "U" },
  memberships: [
    { brandId: BRAND_A, brandSlug: "a", brandName: "A", role: "marketer", groups: [] },
    { brandId: BRAND_B, brandSlug: "b", brandName: "B", role: "admin", groups: [] },
  ],
};

describe("authorize", () => {
  it("answers per brand: the same user may hold different roles", () => {
    expect(can(session, "members:manage", BRAND_A)).toBe(false);
    expect(can(session, "members:manage", BRAND_B)).toBe(true);
    expect(can(session, "studio:use", BRAND_A)).toBe(true);
  });

  it("refuses with 403 on a brand the user does not belong to", () => {
    const other = "00000000-0000-4000-8000-00000000000c";
    expect(() => authorize(session, "brand:view", other)).toThrowError(
      expect.objectContaining({ code: "forbidden", status: 403 }) as AppError,
    );
  });

  it("refuses with 401 without a session", () => {
    expect(() => authorize(null, "brand:view", BRAND_A)).toThrowError(
      expect.objectContaining({ status: 401 }) as AppError,
    );
  });

  it("shows each role only the sections it may use", () => {
    const keys = (role: "marketer" | "reviewer" | "admin") =>
      visibleNav({ brandId: BRAND_A, brandSlug: "a", brandName: "A", role, groups: [] }).map((n) => n.key);
    expect(keys("marketer")).toEqual(["studio", "library", "brand", "assets", "templates"]);
    expect(keys("reviewer")).toEqual(["library", "brand", "templates", "review"]);
    expect(keys("admin")).toEqual([
      "studio",
      "library",
      "brand",
      "assets",
      "templates",
      "review",
      "models",
      "rollouts",
      "admin",
    ]);
  });
});
