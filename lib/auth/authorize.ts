import type { ApiKeyScope } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { roleHas, type Permission } from "./permissions";
import type { BrandMembership, Principal, UserPrincipal } from "./principal";

/**
 * What an API key may do in its own brand, by scope: the lib side of the scopes a route
 * checks first (`authorizeKey`). No scope grants an administrative permission other than
 * managing webhooks and setting budgets, so a key never reaches what only a person may do.
 */
const KEY_SCOPES_FOR: Partial<Record<Permission, readonly ApiKeyScope[]>> = {
  "brand:view": ["checks", "generate"],
  "studio:use": ["generate", "events:write"],
  "library:view": ["generate", "content:read"],
  "webhooks:manage": ["webhooks"],
  "models:write": ["models:write"],
  // A downstream app that generates lists the templates it may generate with (GET /api/v1/templates).
  "templates:view": ["generate"],
  // A finance or ops tool reads what the brand spends, and a provisioning pipeline sets budgets.
  "usage:view": ["usage:read"],
  "budgets:manage": ["budgets:write"],
};

/** The permissions some API key may hold; every other one implies a signed-in person. */
export type KeyPermission =
  | "brand:view"
  | "studio:use"
  | "library:view"
  | "webhooks:manage"
  | "models:write"
  | "templates:view"
  | "usage:view"
  | "budgets:manage";

/** Who passed `authorize` for `P`: a person, unless a key could hold `P` too. */
export type Authorized<P extends Permission> = P extends KeyPermission
  ? Exclude<Principal, { kind: "system" }>
  : UserPrincipal;

/** May this principal do `permission` on brand `brandId`? */
export function can(principal: Principal | null, permission: Permission, brandId: string): boolean {
  if (!principal) return false;
  switch (principal.kind) {
    case "user": {
      const membership = principal.memberships.find((m) => m.brandId === brandId);
      return membership !== undefined && roleHas(membership.role, permission);
    }
    case "api-key":
      return (
        principal.brandId === brandId &&
        (KEY_SCOPES_FOR[permission] ?? []).some((scope) => principal.scopes.includes(scope))
      );
    case "system":
      // The system's jobs say what they may do in their contract (`authorizeJob`); it holds no
      // brand permission of its own.
      return false;
  }
}

/**
 * The check every route handler, server action and job makes: throws 401 without a principal
 * and 403 without the right. A brand the caller does not belong to answers 403 as well, so
 * brand ids cannot be probed. Past it, the principal is narrowed to who can hold `permission`
 * (a person, for every permission no key scope grants).
 */
export function authorize<P extends Permission>(
  principal: Principal | null,
  permission: P,
  brandId: string,
): asserts principal is Authorized<P> {
  if (!principal) throw new AppError("unauthorized", "Sign in to continue");
  if (!can(principal, permission, brandId)) {
    if (principal.kind === "api-key" && principal.brandId !== brandId)
      throw new AppError("forbidden", "This API key belongs to another brand", { brandId });
    throw new AppError("forbidden", `You may not ${permission.replace(":", " ")} in this brand`, {
      permission,
      brandId,
    });
  }
}

/** A person's membership of `brandId` (their role and groups there), once `authorize` has passed. */
export function membershipOf(principal: UserPrincipal, brandId: string): BrandMembership {
  const membership = principal.memberships.find((m) => m.brandId === brandId);
  if (!membership) throw new AppError("forbidden", "You are not a member of this brand", { brandId });
  return membership;
}

/**
 * A signed-in person: for what only people do (authoring, commenting, their own queue), even
 * where a key holds the permission. 401 without a principal, 403 for a key or the system.
 */
export function requireUser(principal: Principal | null): UserPrincipal {
  if (!principal) throw new AppError("unauthorized", "Sign in to continue");
  if (principal.kind !== "user") throw new AppError("forbidden", "Only a signed-in person may do this");
  return principal;
}
