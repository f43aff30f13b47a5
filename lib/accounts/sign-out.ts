import { and, eq, isNull } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";

/** Revokes a session so its cookie, even if copied, is refused from now on. */
export async function signOut(sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db().transaction(async (tx) => {
    const [revoked] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ userId: sessions.userId });
    if (!revoked) return;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, revoked.userId));
    await appendAudit(tx, {
      brandId: null,
      actor: { kind: "user", id: revoked.userId, email: user?.email },
      action: "auth.sign_out",
      target: { type: "session", id: sessionId },
    });
  });
}
