import { and, eq, isNull } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { db } from "@/lib/db";

/** Revokes a session so its cookie, even if copied, is refused from now on. */
export async function signOut(sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
