/** The audit export route and the verify action reach lib's `audit:read` check. */
import { describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));

const { GET: exportRoute } = await import("@/app/(app)/admin/audit/export/route");
const { verifyChain } = await import("@/app/(app)/admin/audit/actions");

async function fixture() {
  const brand = await createBrand();
  const admin = await createUser(brand.id, "admin");
  const marketer = await createUser(brand.id, "marketer");
  await appendAudit(db(), {
    brandId: brand.id,
    actor: { kind: "user", id: admin.id, email: admin.email },
    action: "kit.published",
    target: { type: "brand_kit_version", id: "v1" },
  });
  return { brand, adminLogin: await signedIn(admin.id), marketerLogin: await signedIn(marketer.id) };
}

const exportAs = (query: string, cookie?: string) =>
  exportRoute(
    new Request(`http://test/admin/audit/export?${query}`, { headers: cookie ? { cookie } : {} }),
    undefined,
  );

describe("audit export route", () => {
  it("streams the brand's entries to an admin", async () => {
    const { brand, adminLogin } = await fixture();
    const res = await exportAs(`brandId=${brand.id}&format=csv`, adminLogin.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-.*\.csv"/);
    const text = await res.text();
    expect(text.split("\r\n")[1]).toContain(",kit.published,brand_kit_version,v1,");
  });

  it("refuses a marketer (403), no session (401) and a malformed filter (400)", async () => {
    const { brand, adminLogin, marketerLogin } = await fixture();
    expect((await exportAs(`brandId=${brand.id}`, marketerLogin.cookie)).status).toBe(403);
    expect((await exportAs(`brandId=${brand.id}`)).status).toBe(401);
    expect((await exportAs(`brandId=${brand.id}&from=yesterday`, adminLogin.cookie)).status).toBe(400);
  });
});

describe("verify chain action", () => {
  it("answers an admin and refuses a marketer", async () => {
    const { brand, adminLogin, marketerLogin } = await fixture();
    jar.set(SESSION_COOKIE, marketerLogin.token);
    expect(await verifyChain({ brandId: brand.id })).toMatchObject({ ok: false, status: 403 });
    jar.set(SESSION_COOKIE, adminLogin.token);
    expect(await verifyChain({ brandId: brand.id })).toMatchObject({ ok: true, data: { ok: true } });
  });
});
