import type { Role } from "@/db/schema";

/**
 * Every action a session may take on a brand, and the roles that may take it.
 * This table is the single answer to "may this role do X": UI navigation, route handlers,
 * server actions, API routes and jobs all ask it through `authorize`.
 */
export const PERMISSIONS = {
  "brand:view": ["marketer", "reviewer", "admin"],
  "studio:use": ["marketer", "admin"],
  "library:view": ["marketer", "reviewer", "admin"],
  "brand-kit:edit": ["marketer", "admin"],
  "brand-kit:publish": ["admin"],
  "assets:manage": ["marketer", "admin"],
  "templates:view": ["marketer", "reviewer", "admin"],
  "templates:edit": ["marketer", "admin"],
  "templates:approve": ["reviewer", "admin"],
  "review:act": ["reviewer", "admin"],
  "models:manage": ["admin"],
  /**
   * Registering models and versions, moving labels by hand, retiring, rolling back: the
   * person-side twin of the `models:write` API-key scope.
   */
  "models:write": ["admin"],
  "rollouts:manage": ["admin"],
  "members:manage": ["admin"],
  "api-keys:manage": ["admin"],
  "audit:read": ["admin"],
  "workflows:manage": ["admin"],
  "webhooks:manage": ["admin"],
  /** Opening the brand's chat lane to API keys, and its review sample rate. */
  "chat:manage": ["admin"],
  /** Taking a published item off the content API. */
  "content:retire": ["admin"],
  /** Looking at the brand's dead jobs (failed every attempt) and sending them back to their queue. */
  "jobs:manage": ["admin"],
  /** Reading what model calls cost: totals per key, model version and day, and the budgets' state. */
  "usage:view": ["marketer", "admin"],
  /** Setting and removing the brand's and its keys' monthly budgets. */
  "budgets:manage": ["admin"],
  /** Seeing open input-drift alerts (the app's banner); acknowledging one is `models:manage`. */
  "drift:view": ["reviewer", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
