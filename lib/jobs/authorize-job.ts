import { and, eq, isNull, sql } from "drizzle-orm";
import { apiKeys, memberships, users, type ApiKeyScope } from "@/db/schema";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import { db, preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PrincipalRef } from "@/lib/auth/principal";

/**
 * The scope a key needs for the jobs it may queue. A permission missing here is one no key
 * may exercise through a job.
 */
const KEY_SCOPE_FOR: Partial<Record<Permission, ApiKeyScope>> = {
  "studio:use": "generate",
  "models:write": "models:write",
};

/** The role of an enabled user in a brand: read for every job a user queued. */
const roleOf = preparedQuery((database) =>
  database
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, sql.placeholder("userId")),
        eq(memberships.brandId, sql.placeholder("brandId")),
        isNull(users.disabledAt),
      ),
    )
    .prepare("job_actor_role"),
);

/**
 * The job-side twin of `authorize`. A job runs later than the request that queued it, so a
 * user's rights are read again now: a user disabled or demoted in between is refused. So is
 * an API key revoked, expired or stripped of the scope in between (it is read without any
 * cache, by the database clock, like `authenticateKey`). System jobs pass only where the
 * contract names no brand-scoped permission.
 */
export async function authorizeJob(actor: PrincipalRef, permission: Permission | "system"): Promise<void> {
  if (actor.kind === "system") {
    if (permission === "system") return;
    throw new AppError("forbidden", `A system job may not ${permission}`);
  }
  if (permission === "system") throw new AppError("forbidden", "Only the system may run this job");
  if (actor.kind === "api_key") return authorizeKeyJob(actor, permission);
  const [row] = await roleOf().execute({ userId: actor.userId, brandId: actor.brandId });
  if (!row || !roleHas(row.role, permission)) {
    throw new AppError("forbidden", `The user who queued this job may no longer ${permission}`);
  }
}

async function authorizeKeyJob(
  actor: Extract<PrincipalRef, { kind: "api_key" }>,
  permission: Permission,
): Promise<void> {
  const scope = KEY_SCOPE_FOR[permission];
  if (!scope) throw new AppError("forbidden", `An API key may not ${permission}`);
  const [key] = await db()
    .select({
      scopes: apiKeys.scopes,
      live: sql<boolean>`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now())
        and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, actor.keyId), eq(apiKeys.brandId, actor.brandId)));
  if (!key || !key.live)
    throw new AppError("forbidden", "The API key that queued this job has been revoked or has expired");
  if (!key.scopes.includes(scope))
    throw new AppError("forbidden", `The API key that queued this job no longer has the "${scope}" scope`);
}
