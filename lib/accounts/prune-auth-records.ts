import { lt, or, isNotNull, and } from "drizzle-orm";
import { loginAttempts, sessions } from "@/db/schema";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";

/** Deletes login attempts older than the rate-limit window and sessions ended over a day ago. */
export async function pruneAuthRecords(payload: ParsedJobPayload<"pruneAuthRecords">) {
  await authorizeJob(payload.actor, "system");
  const windowStart = new Date(Date.now() - getEnv().LOGIN_WINDOW_SECONDS * 1000 * 2);
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
  const attempts = await db()
    .delete(loginAttempts)
    .where(lt(loginAttempts.attemptedAt, windowStart))
    .returning({ id: loginAttempts.id });
  const ended = await db()
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, dayAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo))),
    )
    .returning({ id: sessions.id });
  return { attempts: attempts.length, sessions: ended.length };
}
