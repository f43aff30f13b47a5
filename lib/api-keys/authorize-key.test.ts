import { describe, expect, it } from "vitest";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { authorizeKey } from "./authorize-key";

const principal: ApiKeyPrincipal = {
  kind: "api-key",
  keyId: "00000000-0000-4000-8000-000000000001",
  lineageId: "00000000-0000-4000-8000-000000000001",
  brandId: "00000000-0000-4000-8000-0000000000b1",
  prefix: "bg_abcdefgh",
  scopes: ["checks", "generate"],
  chatEnabled: false,
  defaultChannel: null,
  rateLimitPerMinute: 10,
  monthlyGenerationQuota: 10,
  brandStateVersion: 0,
};

describe("authorizeKey", () => {
  it("passes a key with the scope in its own brand", () => {
    expect(() => authorizeKey(principal, { scope: "checks", brandId: principal.brandId })).not.toThrow();
  });

  it("refuses a missing scope with 403 naming the scope", () => {
    expect(() => authorizeKey(principal, { scope: "webhooks" })).toThrow(
      expect.objectContaining({ code: "forbidden", details: expect.objectContaining({ scope: "webhooks" }) }),
    );
  });

  it("refuses chat unless the key is chat-enabled", () => {
    expect(() => authorizeKey(principal, { scope: "generate", chat: true })).toThrow(/chat/);
    expect(() =>
      authorizeKey({ ...principal, chatEnabled: true }, { scope: "generate", chat: true }),
    ).not.toThrow();
  });

  it("refuses another brand", () => {
    expect(() =>
      authorizeKey(principal, { scope: "checks", brandId: "00000000-0000-4000-8000-0000000000b2" }),
    ).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
