import { randomUUID } from "node:crypto";
import { brands, memberships, users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { resolveSession } from "@/lib/auth/resolve-session";
import { SESSION_COOKIE, encodeSessionToken } from "@/lib/auth/session-token";
import { openSession } from "@/lib/accounts/sign-in";
import { db } from "@/lib/db";

/** Each test makes its own brand and people, so files can run in parallel on one database. */
export async function createBrand(name = "Test brand") {
  const [brand] = await db()
    .insert(brands)
    .values({ name, slug: `t-${randomUUID().slice(0, 12)}` })
    .returning();
  return brand!;
}

export const TEST_PASSWORD = "correct horse battery";
let hashed: Promise<string> | undefined;

export async function createUser(brandId: string | null, role: Role = "marketer", groups: string[] = []) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const [user] = await db()
    .insert(users)
    .values({ email: `u-${randomUUID()}@example.test`, name: `User ${role}`, passwordHash: await hashed })
    .returning();
  if (brandId) await db().insert(memberships).values({ userId: user!.id, brandId, role, groups });
  return user!;
}

/** A signed-in browser: a real session row and the cookie next-auth would have set. */
export async function signedIn(userId: string) {
  const sessionId = await openSession(userId, "127.0.0.1", "vitest");
  const token = await encodeSessionToken(sessionId, userId);
  return {
    sessionId,
    cookie: `${SESSION_COOKIE}=${token}`,
    token,
    session: async () => resolveSession(sessionId),
  };
}
