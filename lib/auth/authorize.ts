import { AppError } from "@/lib/errors";
import { roleHas, type Permission } from "./permissions";
import type { BrandMembership, Session } from "./types";

/** May this session do `permission` on brand `brandId`? */
export function can(session: Session | null, permission: Permission, brandId: string): boolean {
  const membership = session?.memberships.find((m) => m.brandId === brandId);
  return membership !== undefined && roleHas(membership.role, permission);
}

/**
 * The check every route handler, server action and job makes. Returns the membership it
 * relied on; throws 401 without a session and 403 without the right. A brand the user does
 * not belong to answers 403 as well, so brand ids cannot be probed.
 */
export function authorize(session: Session | null, permission: Permission, brandId: string): BrandMembership {
  if (!session) throw new AppError("unauthorized", "Sign in to continue");
  const membership = session.memberships.find((m) => m.brandId === brandId);
  if (!membership || !roleHas(membership.role, permission)) {
    throw new AppError("forbidden", `You may not ${permission.replace(":", " ")} in this brand`, {
      permission,
      brandId,
    });
  }
  return membership;
}

export function requireSession(session: Session | null): Session {
  if (!session) throw new AppError("unauthorized", "Sign in to continue");
  return session;
}
