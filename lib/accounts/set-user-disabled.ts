import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";

export const setUserDisabledInput = z.object({
  brandId: z.string().uuid(),
  userId: z.string().uuid(),
  disabled: z.boolean(),
});

export type SetUserDisabledInput = z.input<typeof setUserDisabledInput>;

/**
 * Disables or re-enables a user who belongs to the admin's brand. Every open session of a
 * disabled user is refused from its next request (see resolve-session).
 */
export async function setUserDisabled(
  principal: Principal | null,
  input: SetUserDisabledInput,
): Promise<void> {
  const { brandId, userId, disabled } = parseOrThrow(setUserDisabledInput, input);
  authorize(principal, "members:manage", brandId);
  if (principal.user.id === userId && disabled) {
    throw new AppError("conflict", "You cannot disable your own account", { path: "userId" });
  }
  const [member] = await db()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.brandId, brandId), eq(memberships.userId, userId)));
  if (!member) throw new AppError("not_found", "That user is not a member of this brand");
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, userId));
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: disabled ? "member.disabled" : "member.enabled",
      target: { type: "user", id: userId },
    });
  });
}
