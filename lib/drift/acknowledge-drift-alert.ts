import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { driftAlerts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize, membershipOf } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const acknowledgeDriftAlertInput = z.object({
  brandId: z.string().uuid(),
  alertId: z.string().uuid(),
});

export type AcknowledgeDriftAlertInput = z.input<typeof acknowledgeDriftAlertInput>;

/**
 * An admin closes an open alert: it leaves the banner, and the signal may alert again on a
 * later window. Compare-and-set on `acknowledged_at is null`, so two admins cannot both do it.
 */
export async function acknowledgeDriftAlert(
  principal: Principal | null,
  input: AcknowledgeDriftAlertInput,
): Promise<{ alertId: string; acknowledgedAt: Date }> {
  const { brandId, alertId } = parseOrThrow(acknowledgeDriftAlertInput, input);
  authorize(principal, "models:manage", brandId);
  const membership = membershipOf(principal, brandId);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(driftAlerts)
      .set({ acknowledgedBy: principal.user.id, acknowledgedAt: sql`now()` })
      .where(
        and(
          eq(driftAlerts.id, alertId),
          eq(driftAlerts.brandId, brandId),
          isNull(driftAlerts.acknowledgedAt),
        ),
      )
      .returning();
    if (!row) {
      const [existing] = await tx
        .select({ id: driftAlerts.id })
        .from(driftAlerts)
        .where(and(eq(driftAlerts.id, alertId), eq(driftAlerts.brandId, membership.brandId)));
      if (existing) throw new AppError("conflict", "This drift alert has already been acknowledged");
      throw new AppError("not_found", "No such drift alert in this brand");
    }
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "drift.alert.acknowledged",
      target: { type: "drift_alert", id: alertId },
      data: { signal: row.signal, statistic: row.statistic, value: row.value },
    });
    return { alertId, acknowledgedAt: row.acknowledgedAt! };
  });
}
