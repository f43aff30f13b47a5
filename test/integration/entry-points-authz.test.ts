/**
 * Authorization lives in lib and is reached from every entry point: these call the real
 * route handlers and server actions (only the cookie transport of `next/headers` is
 * replaced, since no Next.js request is in flight) against the run's real database.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { memberships, users } from "@/db/schema";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { GET: listMembersRoute } = await import("@/app/api/admin/members/route");
const { PATCH: patchMemberRoute } = await import("@/app/api/admin/members/[userId]/route");
const { changeUserDisabled, changeMemberRole } = await import("@/app/(app)/admin/actions");
const { switchBrand } = await import("@/app/(app)/actions");

function get(url: string, cookie?: string, extra: Record<string, string> = {}) {
  return listMembersRoute(
    new Request(url, { headers: { ...(cookie ? { cookie } : {}), ...extra } }),
    undefined,
  );
}

function patch(userId: string, body: unknown, cookie: string) {
  return patchMemberRoute(
    new Request(`http://test/api/admin/members/${userId}`, {
      method: "PATCH",
      headers: { cookie, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ userId }) },
  );
}

function actAs(token: string | null) {
  jar.clear();
  if (token) jar.set(SESSION_COOKIE, token);
}

async function fixture() {
  const brand = await createBrand();
  const admin = await createUser(brand.id, "admin");
  const marketer = await createUser(brand.id, "marketer");
  const reviewer = await createUser(brand.id, "reviewer");
  return {
    brand,
    admin,
    marketer,
    reviewer,
    adminLogin: await signedIn(admin.id),
    marketerLogin: await signedIn(marketer.id),
  };
}

beforeEach(() => jar.clear());

describe("admin-only route handler", () => {
  it("answers 403 to a marketer and 200 to an admin", async () => {
    const f = await fixture();
    const url = `http://test/api/admin/members?brandId=${f.brand.id}`;
    const denied = await get(url, f.marketerLogin.cookie);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "forbidden" } });
    const allowed = await get(url, f.adminLogin.cookie);
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { members: { userId: string }[] };
    expect(body.members.map((m) => m.userId).sort()).toEqual(
      [f.admin.id, f.marketer.id, f.reviewer.id].sort(),
    );
  });

  it("answers 401 without a session and with a forged cookie", async () => {
    const f = await fixture();
    const url = `http://test/api/admin/members?brandId=${f.brand.id}`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, `${SESSION_COOKIE}=forged.token.value`)).status).toBe(401);
  });

  it("gives nothing to a request carrying x-middleware-subrequest", async () => {
    const f = await fixture();
    const url = `http://test/api/admin/members?brandId=${f.brand.id}`;
    const header = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
    expect((await get(url, f.marketerLogin.cookie, header)).status).toBe(403);
    expect((await get(url, undefined, header)).status).toBe(401);
  });

  it("rejects a bad body with the field at fault and changes nothing", async () => {
    const f = await fixture();
    const res = await patch(f.marketer.id, { brandId: f.brand.id, role: "owner" }, f.adminLogin.cookie);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details[0]?.path).toBe("role");
    const notJson = await patch(f.marketer.id, "{nope", f.adminLogin.cookie);
    expect(notJson.status).toBe(400);
    const [row] = await db().select().from(memberships).where(eq(memberships.userId, f.marketer.id));
    expect(row?.role).toBe("marketer");
  });
});

describe("admin-only server actions", () => {
  it("refuse a marketer with 403 and change nothing", async () => {
    const f = await fixture();
    actAs(f.marketerLogin.token);
    const result = await changeUserDisabled({ brandId: f.brand.id, userId: f.reviewer.id, disabled: true });
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: "forbidden" } });
    const roleResult = await changeMemberRole({ brandId: f.brand.id, userId: f.marketer.id, role: "admin" });
    expect(roleResult).toMatchObject({ ok: false, status: 403 });
    const [reviewer] = await db().select().from(users).where(eq(users.id, f.reviewer.id));
    expect(reviewer?.disabledAt).toBeNull();
    const [membership] = await db().select().from(memberships).where(eq(memberships.userId, f.marketer.id));
    expect(membership?.role).toBe("marketer");
  });

  it("name the field at fault on bad input", async () => {
    const f = await fixture();
    actAs(f.adminLogin.token);
    const result = await changeUserDisabled({ brandId: f.brand.id, userId: "not-a-uuid", disabled: true });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: { code: "validation_failed", details: [{ path: "userId" }] },
    });
  });

  it("let an admin disable a user, whose open session is refused on its next request", async () => {
    const f = await fixture();
    const url = `http://test/api/admin/members?brandId=${f.brand.id}`;
    // The marketer's session is open and working before the admin acts.
    actAs(f.marketerLogin.token);
    expect(await switchBrand({ brandId: f.brand.id })).toMatchObject({ ok: true });

    actAs(f.adminLogin.token);
    expect(
      await changeUserDisabled({ brandId: f.brand.id, userId: f.marketer.id, disabled: true }),
    ).toMatchObject({ ok: true });

    actAs(f.marketerLogin.token);
    expect(await switchBrand({ brandId: f.brand.id })).toMatchObject({ ok: false, status: 401 });
    expect((await get(url, f.marketerLogin.cookie)).status).toBe(401);
  });

  it("let a demoted admin lose admin rights on the next request", async () => {
    const f = await fixture();
    const second = await createUser(f.brand.id, "admin");
    const secondLogin = await signedIn(second.id);
    const url = `http://test/api/admin/members?brandId=${f.brand.id}`;
    expect((await get(url, secondLogin.cookie)).status).toBe(200);
    actAs(f.adminLogin.token);
    expect(
      await changeMemberRole({ brandId: f.brand.id, userId: second.id, role: "reviewer" }),
    ).toMatchObject({ ok: true });
    expect((await get(url, secondLogin.cookie)).status).toBe(403);
  });

  it("refuse to switch to a brand the user does not belong to", async () => {
    const f = await fixture();
    const other = await createBrand("Other");
    actAs(f.marketerLogin.token);
    expect(await switchBrand({ brandId: other.id })).toMatchObject({ ok: false, status: 403 });
    expect(jar.get("bg.brand")).toBeUndefined();
  });
});
