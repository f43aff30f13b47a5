import { z } from "zod";
import type { ApiKeyScope, Role } from "@/db/schema";

export interface BrandMembership {
  brandId: string;
  brandSlug: string;
  brandName: string;
  role: Role;
  groups: string[];
}

/** A person signed in with a session; rights re-read from the database per request. */
export interface UserPrincipal {
  kind: "user";
  sessionId: string;
  user: { id: string; email: string; name: string };
  memberships: BrandMembership[];
}

/** An app calling with an API key: acts in its one brand, within its scopes. */
export interface ApiKeyPrincipal {
  kind: "api-key";
  keyId: string;
  /** Counters (rate, quota) are shared by all keys of one rotation chain. */
  lineageId: string;
  brandId: string;
  prefix: string;
  scopes: ApiKeyScope[];
  chatEnabled: boolean;
  /** The chat lane's channel when a call names none; null when the key has none. */
  defaultChannel: string | null;
  rateLimitPerMinute: number;
  monthlyGenerationQuota: number;
  /**
   * The brand's configuration version, read with the key (db/schema/brand-state-versions.ts):
   * what the chat lane's in-memory configuration is checked against.
   */
  brandStateVersion: number;
}

/** Brandgate itself: a scheduled job, or work no person or key asked for. */
export interface SystemPrincipal {
  kind: "system";
  /** Why the system acts (a job, an analysis): recorded in the audit log. */
  reason?: string;
}

/** Who acts: the one type every lib function, audit entry, job and generation is given. */
export type Principal = UserPrincipal | ApiKeyPrincipal | SystemPrincipal;

/**
 * How a principal is written where it must outlive the request (a job payload): a reference,
 * not rights. Whoever runs the job reads the user's role, or the key's life and scopes, again.
 * The `api_key` spelling is the stored one; jobs already queued carry it.
 */
export const principalRef = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("system") }),
  z.object({ kind: z.literal("user"), userId: z.string().uuid(), brandId: z.string().uuid() }),
  z.object({ kind: z.literal("api_key"), keyId: z.string().uuid(), brandId: z.string().uuid() }),
]);
export type PrincipalRef = z.infer<typeof principalRef>;

/** The reference a job queued by `principal` on `brandId` carries. */
export function principalRefOf(principal: Principal, brandId: string): PrincipalRef {
  switch (principal.kind) {
    case "user":
      return { kind: "user", userId: principal.user.id, brandId };
    case "api-key":
      return { kind: "api_key", keyId: principal.keyId, brandId };
    case "system":
      return { kind: "system" };
  }
}

/**
 * How the audit log writes a principal (the `actor` jsonb of audit_entries, part of each
 * entry's hash: this shape must not change). Also what callers give when they know who acted
 * but hold no live principal (a sign-in, a decision read back from a row).
 */
export type ActorRecord =
  | { kind: "user"; id: string; email?: string }
  | { kind: "api_key"; id: string; prefix: string }
  | { kind: "system"; reason?: string };

export function actorRecordOf(actor: Principal | ActorRecord): ActorRecord {
  switch (actor.kind) {
    case "api-key":
      return { kind: "api_key", id: actor.keyId, prefix: actor.prefix };
    case "user":
      return "user" in actor ? { kind: "user", id: actor.user.id, email: actor.user.email } : actor;
    default:
      return actor;
  }
}

/** The person acting, if a person is: recorded as author/creator where a column asks for one. */
export function userIdOf(principal: Principal | null): string | null {
  return principal?.kind === "user" ? principal.user.id : null;
}

/** The API key acting, if one is. */
export function apiKeyIdOf(principal: Principal | null): string | null {
  return principal?.kind === "api-key" ? principal.keyId : null;
}
