import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginAttempts, memberships } from "@/db/schema";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { TEST_PASSWORD, createBrand, createUser } from "@/test/factories";
import { resolveSession } from "@/lib/auth/resolve-session";
import { setMemberRole } from "./set-member-role";
import { setUserDisabled } from "./set-user-disabled";
import { signInWithPassword } from "./sign-in";
import { signOut } from "./sign-out";

const address = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function attempt(email: string, password: string, addr: string) {
  try {
    return { ok: true as const, ...(await signInWithPassword({ email, password, address: addr })) };
  } catch (err) {
    return { ok: false as const, err: err as { code: string; status: number; retryAfter?: number } };
  }
}

describe("password sign-in", () => {
  it("opens a session for the right password, case-insensitively on email", async () => {
    const brand = await createBrand();
    const user = await createUser(brand.id, "marketer");
    const result = await attempt(user.email.toUpperCase(), TEST_PASSWORD, address());
    expect(result.ok).toBe(true);
    const session = await resolveSession(result.ok ? result.sessionId : null);
    expect(session?.user.id).toBe(user.id);
    expect(session?.memberships).toEqual([expect.objectContaining({ brandId: brand.id, role: "marketer" })]);
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const user = await createUser(null);
    const wrong = await attempt(user.email, "not the password", address());
    const unknown = await attempt(`nobody-${randomUUID()}@example.test`, TEST_PASSWORD, address());
    expect(wrong.ok || unknown.ok).toBe(false);
    if (!wrong.ok && !unknown.ok) {
      expect(wrong.err.status).toBe(401);
      expect(unknown.err.status).toBe(401);
      expect((wrong.err as unknown as Error).message).toBe((unknown.err as unknown as Error).message);
    }
  });

  it("limits guesses per account and address, with Retry-After", async () => {
    const user = await createUser(null);
    const limit = getEnv().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const guesser = address();
    for (let i = 0; i <= limit; i++) expect((await attempt(user.email, "wrong", guesser)).ok).toBe(false);
    const locked = await attempt(user.email, TEST_PASSWORD, guesser);
    expect(locked.ok).toBe(false);
    if (!locked.ok) {
      expect(locked.err.status).toBe(429);
      expect(locked.err.retryAfter).toBeGreaterThan(0);
    }
  });

  it("does not lock the owner out: the right password works from another address after six wrong ones", async () => {
    const user = await createUser(null);
    const limit = getEnv().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const guesser = address();
    for (let i = 0; i <= limit; i++) await attempt(user.email, "wrong", guesser);
    expect((await attempt(user.email, "wrong", guesser)).ok ? 200 : 429).toBe(429);
    const owner = await attempt(user.email, TEST_PASSWORD, address());
    expect(owner.ok).toBe(true);
  });

  it("limits one address across many accounts", async () => {
    const addr = address();
    const limit = getEnv().LOGIN_MAX_FAILURES_PER_ADDRESS;
    await Promise.all(
      Array.from({ length: limit }, () => attempt(`nobody-${randomUUID()}@example.test`, "wrong", addr)),
    );
    const user = await createUser(null);
    const blocked = await attempt(user.email, TEST_PASSWORD, addr);
    expect(blocked.ok ? 200 : blocked.err.status).toBe(429);
    const elsewhere = await attempt(user.email, TEST_PASSWORD, address());
    expect(elsewhere.ok).toBe(true);
  });

  it("holds the limit under a concurrent burst of guesses", async () => {
    const user = await createUser(null);
    const limit = getEnv().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const guesser = address();
    const results = await Promise.all(
      Array.from({ length: limit + 5 }, () => attempt(user.email, "wrong", guesser)),
    );
    const checked = results.filter((r) => !r.ok && r.err.status === 401).length;
    expect(checked).toBeLessThanOrEqual(limit);
    const rows = await db().select().from(loginAttempts).where(eq(loginAttempts.account, user.email));
    expect(rows).toHaveLength(limit + 5);
  });

  it("rejects malformed input with the field at fault and records nothing", async () => {
    const result = await attempt("not-an-email", "x", address());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.err.status).toBe(400);
      expect((result.err as unknown as { details: { path: string }[] }).details[0]?.path).toBe("email");
    }
    expect(await db().$count(loginAttempts, eq(loginAttempts.account, "not-an-email"))).toBe(0);
  });
});

describe("an open session", () => {
  it("loses a role on its next request after an admin changes it", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const user = await createUser(brand.id, "reviewer");
    const login = await signInWithPassword({
      email: user.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    const adminSession = await signInWithPassword({
      email: admin.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    expect((await resolveSession(login.sessionId))?.memberships[0]?.role).toBe("reviewer");
    await setMemberRole(await resolveSession(adminSession.sessionId), {
      brandId: brand.id,
      userId: user.id,
      role: "marketer",
    });
    expect((await resolveSession(login.sessionId))?.memberships[0]?.role).toBe("marketer");
  });

  it("is refused once the user is disabled, and cannot sign in again", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const user = await createUser(brand.id, "marketer");
    const login = await signInWithPassword({
      email: user.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    const adminLogin = await signInWithPassword({
      email: admin.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    await setUserDisabled(await resolveSession(adminLogin.sessionId), {
      brandId: brand.id,
      userId: user.id,
      disabled: true,
    });
    expect(await resolveSession(login.sessionId)).toBeNull();
    const again = await attempt(user.email, TEST_PASSWORD, address());
    expect(again.ok ? 200 : again.err.status).toBe(403);
  });

  it("ends at sign-out even if the cookie is kept", async () => {
    const user = await createUser(null);
    const login = await signInWithPassword({
      email: user.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    expect(await resolveSession(login.sessionId)).not.toBeNull();
    await signOut(login.sessionId);
    expect(await resolveSession(login.sessionId)).toBeNull();
  });

  it("keeps the last admin of a brand", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const login = await signInWithPassword({
      email: admin.email,
      password: TEST_PASSWORD,
      address: address(),
    });
    await expect(
      setMemberRole(await resolveSession(login.sessionId), {
        brandId: brand.id,
        userId: admin.id,
        role: "marketer",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const [row] = await db().select().from(memberships).where(eq(memberships.userId, admin.id));
    expect(row?.role).toBe("admin");
  });
});
