import { and, eq, gt, sql } from "drizzle-orm";
import { loginAttempts } from "@/db/schema";
import type { Database, Executor } from "@/db/client";
import { getEnv } from "@/lib/env";

export interface AttemptVerdict {
  attemptId: number;
  /** Seconds until the caller may try again; undefined when within limits. */
  retryAfter?: number;
}

/**
 * Records a sign-in attempt as a failure *before* the password is checked, then counts.
 * Counting after inserting means concurrent guesses each see one another, so a burst of
 * parallel requests cannot slip past the limit. A correct password later marks the row
 * as a success; failures before the last success of an account do not count against it.
 *
 * The account limit counts per account *and address*: counted per account alone, anyone
 * could lock the owner out by guessing wrong six times from anywhere, and the right password
 * would be refused. Guessing from many addresses is bounded by the per-address limit.
 */
export async function recordLoginAttempt(
  tx: Database,
  account: string,
  address: string,
): Promise<AttemptVerdict> {
  const env = getEnv();
  const windowStart = new Date(Date.now() - env.LOGIN_WINDOW_SECONDS * 1000);
  const [row] = await tx
    .insert(loginAttempts)
    .values({ account, address, succeeded: false })
    .returning({ id: loginAttempts.id });

  const lastSuccess = sql`coalesce((select max(${loginAttempts.attemptedAt}) from ${loginAttempts}
      where ${loginAttempts.account} = ${account} and ${loginAttempts.succeeded}), '-infinity'::timestamptz)`;
  const [byAccount] = await tx
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date>`min(${loginAttempts.attemptedAt})` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.account, account),
        eq(loginAttempts.address, address),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.attemptedAt, windowStart),
        gt(loginAttempts.attemptedAt, lastSuccess),
      ),
    );
  const [byAddress] = await tx
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date>`min(${loginAttempts.attemptedAt})` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.address, address),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.attemptedAt, windowStart),
      ),
    );

  const over = [
    byAccount && byAccount.n > env.LOGIN_MAX_FAILURES_PER_ACCOUNT ? byAccount.oldest : null,
    byAddress && byAddress.n > env.LOGIN_MAX_FAILURES_PER_ADDRESS ? byAddress.oldest : null,
  ].filter((d): d is Date => d !== null);
  if (over.length === 0) return { attemptId: row!.id };
  const freeAt = Math.max(...over.map((d) => new Date(d).getTime() + env.LOGIN_WINDOW_SECONDS * 1000));
  return { attemptId: row!.id, retryAfter: Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)) };
}

export async function markLoginSucceeded(tx: Executor, attemptId: number): Promise<void> {
  await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
