import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { markLoginSucceeded, recordLoginAttempt } from "./login-rate-limit";
import { verifyPassword } from "@/lib/auth/password";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
  address: z.string().min(1).max(100),
  userAgent: z.string().max(500).optional(),
});

export type SignInInput = z.input<typeof signInInput>;

/**
 * Checks an email and password and opens a session. Errors are deliberately alike for an
 * unknown email and a wrong password. Rate limits apply per account and per address.
 */
export async function signInWithPassword(input: SignInInput): Promise<{ sessionId: string; userId: string }> {
  const { email, password, address, userAgent } = parseOrThrow(signInInput, input);
  const attempt = await recordLoginAttempt(db(), email, address);
  if (attempt.retryAfter !== undefined) {
    await auditFailure(email, address, null, "rate_limited");
    throw new AppError(
      "rate_limited",
      `Too many sign-in attempts. Try again in ${formatWait(attempt.retryAfter)}.`,
      { retryAfter: attempt.retryAfter },
      attempt.retryAfter,
    );
  }
  const [user] = await db()
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await auditFailure(email, address, user ?? null, "wrong_credentials");
    throw new AppError("unauthorized", "Wrong email or password");
  }
  if (user.disabledAt) {
    await auditFailure(email, address, user, "disabled");
    throw new AppError("forbidden", "This account is disabled. Ask an admin to enable it.");
  }
  const sessionId = await db().transaction(async (tx) => {
    await markLoginSucceeded(tx, attempt.attemptId);
    const id = await openSession(user.id, address, userAgent, tx);
    await appendAudit(tx, {
      brandId: null,
      actor: { kind: "user", id: user.id, email: user.email },
      action: "auth.sign_in",
      target: { type: "session", id },
      data: { method: "password", address },
    });
    return id;
  });
  return { sessionId, userId: user.id };
}

/** Failed sign-ins are audited too; the actor is the account tried, when it exists. */
async function auditFailure(
  email: string,
  address: string,
  user: { id: string; email: string } | null,
  reason: "rate_limited" | "wrong_credentials" | "disabled",
): Promise<void> {
  await appendAudit(db(), {
    brandId: null,
    actor: user
      ? { kind: "user", id: user.id, email: user.email }
      : { kind: "system", reason: "unauthenticated" },
    action: "auth.sign_in_failed",
    target: { type: "account", id: email },
    data: { method: "password", address, reason },
  });
}

export async function openSession(
  userId: string,
  address?: string,
  userAgent?: string,
  executor: Executor = db(),
): Promise<string> {
  const expiresAt = new Date(Date.now() + getEnv().SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await executor
    .insert(sessions)
    .values({ userId, expiresAt, address, userAgent })
    .returning({ id: sessions.id });
  return row!.id;
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
