import { and, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEntries, memberships, type AuditEntry } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

/** Form fields arrive as "" when left empty; treat that as "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const auditFilterInput = z.object({
  brandId: z.uuid(),
  /** An email (case-insensitive), or a user or API key id, or an API key prefix. */
  actor: optional(z.string().trim().max(320)),
  /** Matches actions starting with this, e.g. `auth.` or `kit.published`. */
  action: optional(z.string().trim().max(100)),
  targetType: optional(z.string().trim().max(100)),
  targetId: optional(z.string().trim().max(200)),
  from: optional(z.coerce.date()),
  to: optional(z.coerce.date()),
});

export const listAuditInput = auditFilterInput.extend({
  /** Keyset cursor: entries with a seq below this one (the previous page's last). */
  before: optional(z.coerce.number().int().positive()),
  limit: optional(z.coerce.number().int().min(1).max(200)).default(50),
});

export type AuditFilter = z.output<typeof auditFilterInput>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** Newest first, `limit` at a time. Needs `audit:read` on the brand. */
export async function listAudit(
  principal: Principal | null,
  raw: z.input<typeof listAuditInput>,
): Promise<AuditPage> {
  const input = parseOrThrow(listAuditInput, raw);
  authorize(principal, "audit:read", input.brandId);
  const entries = await selectAuditPage(input, input.before, input.limit + 1);
  const more = entries.length > input.limit;
  if (more) entries.pop();
  return { entries, nextBefore: more ? entries[entries.length - 1]!.seq : null };
}

/** One page of entries matching an already-authorized filter, below seq `before`. */
export function selectAuditPage(filter: AuditFilter, before: number | undefined, limit: number) {
  return db()
    .select()
    .from(auditEntries)
    .where(and(...auditConditions(filter), before === undefined ? undefined : lt(auditEntries.seq, before)))
    .orderBy(desc(auditEntries.seq))
    .limit(limit);
}

/**
 * A brand's admins see the brand's entries, and the platform-wide ones (sign-ins, sign-outs)
 * of people who belong to the brand — not those of other brands' members.
 */
function auditConditions(f: AuditFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [
    or(
      eq(auditEntries.brandId, f.brandId),
      and(
        isNull(auditEntries.brandId),
        sql`${auditEntries.actor}->>'id' in (select ${memberships.userId}::text from ${memberships} where ${memberships.brandId} = ${f.brandId})`,
      ),
    ),
  ];
  if (f.actor) {
    conditions.push(
      f.actor.includes("@")
        ? sql`lower(${auditEntries.actor}->>'email') = ${f.actor.toLowerCase()}`
        : or(
            sql`${auditEntries.actor}->>'id' = ${f.actor}`,
            sql`${auditEntries.actor}->>'prefix' = ${f.actor}`,
          ),
    );
  }
  if (f.action) conditions.push(sql`starts_with(${auditEntries.action}, ${f.action})`);
  if (f.targetType) conditions.push(eq(auditEntries.targetType, f.targetType));
  if (f.targetId) conditions.push(eq(auditEntries.targetId, f.targetId));
  if (f.from) conditions.push(gte(auditEntries.at, f.from));
  if (f.to) conditions.push(lte(auditEntries.at, f.to));
  return conditions.filter((c): c is SQL => c !== undefined);
}
