import { and, eq, isNull } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JobActor } from "./contracts";

/**
 * The job-side twin of `authorize`. A job runs later than the request that queued it, so a
 * user's rights are read again now: a user disabled or demoted in between is refused.
 * System jobs pass only where the contract names no brand-scoped permission.
 */
export async function authorizeJob(actor: JobActor, permission: Permission | "system"): Promise<void> {
  if (actor.kind === "system") {
    if (permission === "system") return;
    throw new AppError("forbidden", `A system job may not ${permission}`);
  }
  if (permission === "system") throw new AppError("forbidden", "Only the system may run this job");
  const [row] = await db()
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, actor.userId),
        eq(memberships.brandId, actor.brandId),
        isNull(users.disabledAt),
      ),
    );
  if (!row || !roleHas(row.role, permission)) {
    throw new AppError("forbidden", `The user who queued this job may no longer ${permission}`);
  }
}
