import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { authorize, can, requireUser } from "./authorize";
import { landingSection, visibleNav } from "./navigation";
import { actorRecordOf, principalRefOf, type ApiKeyPrincipal, type UserPrincipal } from "./principal";

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

const key: ApiKeyPrincipal = {
  kind: "api-key",
  keyId: "00000000-0000-4000-8000-000000000010",
  lineageId: "00000000-0000-4000-8000-000000000011",
  brandId: BRAND_A,
  prefix: "bg_abcdefgh",
  scopes: ["content:read"],
  chatEnabled: false,
  defaultChannel: null,
  rateLimitPerMinute: 60,
  monthlyGenerationQuota: 1000,
  brandStateVersion: 0,
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

  it("lets an API key do only what its scopes grant, in its own brand", () => {
    expect(can(key, "library:view", BRAND_A)).toBe(true);
    expect(can(key, "studio:use", BRAND_A)).toBe(false);
    expect(can({ ...key, scopes: ["webhooks"] }, "webhooks:manage", BRAND_A)).toBe(true);
    expect(can({ ...key, scopes: ["generate", "webhooks"] }, "members:manage", BRAND_A)).toBe(false);
    expect(() => authorize(key, "library:view", BRAND_B)).toThrowError(
      expect.objectContaining({
        code: "forbidden",
        message: "This API key belongs to another brand",
      }) as AppError,
    );
  });

  it("gives the system no brand permission of its own", () => {
    expect(can({ kind: "system" }, "brand:view", BRAND_A)).toBe(false);
    expect(() => authorize({ kind: "system" }, "brand:view", BRAND_A)).toThrowError(
      expect.objectContaining({ status: 403 }) as AppError,
    );
  });

  it("keeps what only a person does from keys (403) and from nobody (401)", () => {
    expect(requireUser(session)).toBe(session);
    expect(() => requireUser(key)).toThrowError(expect.objectContaining({ status: 403 }) as AppError);
    expect(() => requireUser(null)).toThrowError(expect.objectContaining({ status: 401 }) as AppError);
  });

  it("writes a principal as the audit log and the job queue have always stored it", () => {
    expect(actorRecordOf(session)).toEqual({ kind: "user", id: "u", email: "u@example.test" });
    expect(actorRecordOf(key)).toEqual({ kind: "api_key", id: key.keyId, prefix: "bg_abcdefgh" });
    expect(actorRecordOf({ kind: "system", reason: "x" })).toEqual({ kind: "system", reason: "x" });
    const record = { kind: "user" as const, id: "u2" };
    expect(actorRecordOf(record)).toBe(record);
    expect(principalRefOf(key, BRAND_A)).toEqual({ kind: "api_key", keyId: key.keyId, brandId: BRAND_A });
    expect(principalRefOf(session, BRAND_B)).toEqual({ kind: "user", userId: "u", brandId: BRAND_B });
  });

  it("shows each role only the sections it may use", () => {
    const keys = (role: "marketer" | "reviewer" | "admin") =>
      visibleNav({ brandId: BRAND_A, brandSlug: "a", brandName: "A", role, groups: [] }).map((n) => n.key);
    expect(keys("marketer")).toEqual(["studio", "library", "brand", "assets", "templates", "usage"]);
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
      "usage",
      "admin",
    ]);
  });

  it("lands reviewers on their queue and everyone else on their first section", () => {
    const landing = (role: "marketer" | "reviewer" | "admin") =>
      landingSection({ brandId: BRAND_A, brandSlug: "a", brandName: "A", role, groups: [] })?.href;
    expect(landing("reviewer")).toBe("/review");
    expect(landing("marketer")).toBe("/studio");
    expect(landing("admin")).toBe("/studio");
    expect(landingSection(undefined)).toBeUndefined();
  });
});
