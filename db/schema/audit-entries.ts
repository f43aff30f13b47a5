import { bigint, check, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** Who made a change; lib/auth/principal.ts exports the same union as `ActorRecord`. */
type ActorJson =
  | { kind: "user"; id: string; email?: string }
  | { kind: "api_key"; id: string; prefix: string }
  | { kind: "system"; reason?: string };

/**
 * The tamper-evident audit log: one row per state or configuration change, each hashed
 * over its own fields and its predecessor's hash. Append-only: a trigger refuses UPDATE,
 * DELETE and TRUNCATE (see the audit_append_only migration).
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    /**
     * Position in the chain, 1, 2, 3… without gaps. Taken from `audit_head` under its row
     * lock rather than from a sequence: sequences leave gaps on rollback, and the hash
     * must cover the seq before the row is inserted.
     */
    seq: bigint({ mode: "number" }).primaryKey(),
    /** Millisecond precision, so the value read back is exactly the one hashed. */
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    /** Null for changes that belong to no brand (sign-ins, models, templates' platform rows). */
    brandId: uuid(),
    actor: jsonb().$type<ActorJson>().notNull(),
    /** Dotted verb, e.g. `content.approved`, `kit.published`, `auth.sign_in`. */
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The previous entry's hash; 64 zeros for the first entry. */
    prevHash: text().notNull(),
    /** SHA-256 (hex) of the canonical JSON of every other column of this row. */
    hash: text().notNull(),
  },
  (t) => [
    index("audit_entries_brand_idx").on(t.brandId, t.seq),
    index("audit_entries_action_idx").on(t.action, t.seq),
    index("audit_entries_target_idx").on(t.targetType, t.targetId, t.seq),
    index("audit_entries_at_idx").on(t.at),
  ],
);

/**
 * The chain's single head row. Appends lock it (SELECT … FOR UPDATE), which orders them
 * into one chain under concurrency; the verifier compares it with the last entry, which
 * is how a deleted tail or a forged appended row is noticed.
 */
export const auditHead = pgTable(
  "audit_head",
  {
    id: smallint().primaryKey().default(1),
    lastSeq: bigint({ mode: "number" }).notNull().default(0),
    lastHash: text().notNull(),
  },
  (t) => [check("audit_head_single_row", sql`${t.id} = 1`)],
);

export type AuditEntry = typeof auditEntries.$inferSelect;
