import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { openSession } from "./sign-in";

export const oidcProfile = z.object({
  issuer: z.string().url(),
  subject: z.string().min(1),
  email: z.string().trim().toLowerCase().email(),
  emailVerified: z.boolean(),
  name: z.string().min(1).max(200),
  address: z.string().max(100).optional(),
});

/**
 * Signs in through the configured OpenID Connect provider. A known subject signs in; an
 * existing user with the same, provider-verified email is linked; anyone else gets an
 * account with no brand, which an admin must add to a brand before it can do anything.
 */
export async function signInWithOidc(
  input: z.input<typeof oidcProfile>,
): Promise<{ sessionId: string; userId: string }> {
  const profile = parseOrThrow(oidcProfile, input);
  const key = `${profile.issuer}|${profile.subject}`;
  let [user] = await db().select().from(users).where(eq(users.oidcSubject, key));
  if (!user) {
    const [byEmail] = await db()
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, profile.email));
    if (byEmail) {
      if (!profile.emailVerified) {
        throw new AppError("forbidden", "Your identity provider has not verified this email address");
      }
      [user] = await db().transaction(async (tx) => {
        const rows = await tx
          .update(users)
          .set({ oidcSubject: key })
          .where(eq(users.id, byEmail.id))
          .returning();
        await appendAudit(tx, {
          brandId: null,
          actor: { kind: "user", id: byEmail.id, email: byEmail.email },
          action: "user.oidc_linked",
          target: { type: "user", id: byEmail.id },
          data: { issuer: profile.issuer },
        });
        return rows;
      });
    } else {
      [user] = await db().transaction(async (tx) => {
        const rows = await tx
          .insert(users)
          .values({ email: profile.email, name: profile.name, oidcSubject: key })
          .returning();
        await appendAudit(tx, {
          brandId: null,
          actor: { kind: "system", reason: "oidc sign-in" },
          action: "user.created",
          target: { type: "user", id: rows[0]!.id },
          data: { email: profile.email, issuer: profile.issuer },
        });
        return rows;
      });
    }
  }
  if (!user) throw new AppError("internal", "Could not create the account");
  const actor = { kind: "user" as const, id: user.id, email: user.email };
  if (user.disabledAt) {
    await appendAudit(db(), {
      brandId: null,
      actor,
      action: "auth.sign_in_failed",
      target: { type: "account", id: user.email },
      data: { method: "oidc", issuer: profile.issuer, address: profile.address, reason: "disabled" },
    });
    throw new AppError("forbidden", "This account is disabled. Ask an admin to enable it.");
  }
  const signedInUser = user;
  const sessionId = await db().transaction(async (tx) => {
    const id = await openSession(signedInUser.id, profile.address, undefined, tx);
    await appendAudit(tx, {
      brandId: null,
      actor,
      action: "auth.sign_in",
      target: { type: "session", id },
      data: { method: "oidc", issuer: profile.issuer, address: profile.address },
    });
    return id;
  });
  return { sessionId, userId: user.id };
}
