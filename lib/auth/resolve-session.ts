import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { brands, memberships, sessions, users } from "@/db/schema";
import { db } from "@/lib/db";
import type { UserPrincipal } from "./principal";

/**
 * Turns a session id from a verified cookie into the caller's current rights. Runs on every
 * request: a revoked or expired session, or a disabled user, yields null at once, and roles
 * are read fresh, so no open session keeps rights an admin has taken away.
 */
export async function resolveSession(sessionId: string | null | undefined): Promise<UserPrincipal | null> {
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await db()
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return null;
  const rows = await db()
    .select({
      brandId: brands.id,
      brandSlug: brands.slug,
      brandName: brands.name,
      role: memberships.role,
      groups: memberships.groups,
    })
    .from(memberships)
    .innerJoin(brands, eq(brands.id, memberships.brandId))
    .where(eq(memberships.userId, row.userId))
    .orderBy(asc(brands.name));
  return {
    kind: "user",
    sessionId,
    user: { id: row.userId, email: row.email, name: row.name },
    memberships: rows,
  };
}
