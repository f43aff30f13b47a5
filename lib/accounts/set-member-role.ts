import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, roleEnum } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";

export const setMemberRoleInput = z.object({
  brandId: z.string().uuid(),
  userId: z.string().uuid(),
  role: z.enum(roleEnum.enumValues),
});

export type SetMemberRoleInput = z.input<typeof setMemberRoleInput>;

/** Changes a member's role; the member's open sessions see it on their next request. */
export async function setMemberRole(principal: Principal | null, input: SetMemberRoleInput): Promise<void> {
  const { brandId, userId, role } = parseOrThrow(setMemberRoleInput, input);
  authorize(principal, "members:manage", brandId);
  await db().transaction(async (tx) => {
    // Lock the brand's admin rows so two demotions cannot both see "another admin remains".
    const admins = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(eq(memberships.brandId, brandId), eq(memberships.role, "admin"), ne(memberships.userId, userId)),
      )
      .for("update");
    const [before] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.brandId, brandId), eq(memberships.userId, userId)))
      .for("update");
    const updated = await tx
      .update(memberships)
      .set({ role, updatedAt: sql`now()` })
      .where(and(eq(memberships.brandId, brandId), eq(memberships.userId, userId)))
      .returning({ previous: memberships.role });
    if (updated.length === 0) throw new AppError("not_found", "That user is not a member of this brand");
    if (role !== "admin" && admins.length === 0) {
      throw new AppError("conflict", "A brand needs at least one admin", { path: "role" });
    }
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "member.role_changed",
      target: { type: "user", id: userId },
      data: { from: before?.role ?? null, to: role },
    });
  });
}
