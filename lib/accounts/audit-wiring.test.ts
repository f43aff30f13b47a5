import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEntries } from "@/db/schema";
import { setMemberRole } from "@/lib/accounts/set-member-role";
import { setUserDisabled } from "@/lib/accounts/set-user-disabled";
import { signInWithPassword } from "@/lib/accounts/sign-in";
import { signInWithOidc } from "@/lib/accounts/sign-in-oidc";
import { signOut } from "@/lib/accounts/sign-out";
import { db } from "@/lib/db";
import { TEST_PASSWORD, createBrand, createUser, signedIn } from "@/test/factories";

const entriesFor = (targetType: string, targetId: string) =>
  db()
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.targetType, targetType), eq(auditEntries.targetId, targetId)))
    .orderBy(desc(auditEntries.seq));

describe("audited changes", () => {
  it("a sign-in and a sign-out each append an entry", async () => {
    const user = await createUser(null);
    const { sessionId } = await signInWithPassword({
      email: user.email,
      password: TEST_PASSWORD,
      address: "10.9.8.7",
    });
    const [signIn] = await entriesFor("session", sessionId);
    expect(signIn).toMatchObject({
      action: "auth.sign_in",
      actor: { kind: "user", id: user.id, email: user.email },
      data: { method: "password", address: "10.9.8.7" },
    });
    await signOut(sessionId);
    const [out] = await entriesFor("session", sessionId);
    expect(out).toMatchObject({ action: "auth.sign_out", actor: { kind: "user", id: user.id } });
    expect(out!.seq).toBeGreaterThan(signIn!.seq);
  });

  it("an OIDC sign-in of a new person audits the account's creation and the sign-in", async () => {
    const email = `oidc-${randomUUID()}@example.test`;
    const { sessionId, userId } = await signInWithOidc({
      issuer: "https://idp.example.test",
      subject: randomUUID(),
      email,
      emailVerified: true,
      name: "Olive OIDC",
    });
    const [created] = await entriesFor("user", userId);
    expect(created).toMatchObject({ action: "user.created", actor: { kind: "system" }, data: { email } });
    const [signIn] = await entriesFor("session", sessionId);
    expect(signIn).toMatchObject({
      action: "auth.sign_in",
      actor: { id: userId, email },
      data: { method: "oidc" },
    });
  });

  it("a failed sign-in appends an entry naming the account tried", async () => {
    const user = await createUser(null);
    await expect(
      signInWithPassword({ email: user.email, password: "wrong password", address: "10.9.8.6" }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    const [failed] = await entriesFor("account", user.email.toLowerCase());
    expect(failed).toMatchObject({
      action: "auth.sign_in_failed",
      actor: { kind: "user", id: user.id },
      data: { reason: "wrong_credentials" },
    });
  });

  it("a role change and disabling a member append entries in the brand", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const member = await createUser(brand.id, "marketer");
    const session = await (await signedIn(admin.id)).session();
    await setMemberRole(session, { brandId: brand.id, userId: member.id, role: "reviewer" });
    await setUserDisabled(session, { brandId: brand.id, userId: member.id, disabled: true });
    const [disabled, roleChanged] = await entriesFor("user", member.id);
    expect(roleChanged).toMatchObject({
      brandId: brand.id,
      action: "member.role_changed",
      actor: { kind: "user", id: admin.id },
      data: { from: "marketer", to: "reviewer" },
    });
    expect(disabled).toMatchObject({ brandId: brand.id, action: "member.disabled" });
  });

  it("a refused change appends nothing", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const session = await (await signedIn(admin.id)).session();
    await expect(
      setMemberRole(session, { brandId: brand.id, userId: admin.id, role: "marketer" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await entriesFor("user", admin.id)).toEqual([]);
  });
});
