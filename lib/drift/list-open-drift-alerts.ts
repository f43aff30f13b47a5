import { and, desc, eq, isNull } from "drizzle-orm";
import { driftAlerts, type DriftAlertRow } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** The banner shows a handful; a brand with more has a bigger problem than a long list. */
const LIMIT = 50;

/** Open (unacknowledged) drift alerts of the brand, newest first. Reviewers and admins. */
export async function listOpenDriftAlerts(
  principal: Principal | null,
  brandId: string,
): Promise<DriftAlertRow[]> {
  authorize(principal, "drift:view", brandId);
  return db()
    .select()
    .from(driftAlerts)
    .where(and(eq(driftAlerts.brandId, brandId), isNull(driftAlerts.acknowledgedAt)))
    .orderBy(desc(driftAlerts.createdAt))
    .limit(LIMIT);
}
