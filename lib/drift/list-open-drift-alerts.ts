import { and, desc, eq, isNull } from "drizzle-orm";
import { driftAlerts, type DriftAlertRow } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";

/** The banner shows a handful; a brand with more has a bigger problem than a long list. */
const LIMIT = 50;

/** Open (unacknowledged) drift alerts of the brand, newest first. Reviewers and admins. */
export async function listOpenDriftAlerts(
  session: Session | null,
  brandId: string,
): Promise<DriftAlertRow[]> {
  authorize(session, "drift:view", brandId);
  return db()
    .select()
    .from(driftAlerts)
    .where(and(eq(driftAlerts.brandId, brandId), isNull(driftAlerts.acknowledgedAt)))
    .orderBy(desc(driftAlerts.createdAt))
    .limit(LIMIT);
}
