import { boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brandKitVersions } from "./brand-kit-versions";
import { contentItems } from "./content-items";
import { templateVersions } from "./template-versions";
import { users } from "./users";
import type { SlotCheckSummary } from "./json/check-result";
import type { RenderedParts, StoredSlotValues } from "./json/content-revision";

/**
 * One immutable revision of a content item, recording every version it came from. Approvals
 * bind to `contentHash`: any change is a new revision with a new hash.
 */
export const contentRevisions = pgTable(
  "content_revisions",
  {
    id: id(),
    contentItemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    slots: jsonb().$type<StoredSlotValues>().notNull(),
    /** The rendered parts ({ html?, text? }) of the template version below. */
    rendered: jsonb().$type<RenderedParts>().notNull(),
    kitVersionId: uuid()
      .notNull()
      .references(() => brandKitVersions.id),
    templateVersionId: uuid()
      .notNull()
      .references(() => templateVersions.id),
    /** The generation model version that wrote it; null for a hand edit. */
    modelVersionId: uuid(),
    personalisationVersionId: uuid(),
    generationId: uuid(),
    checkResults: jsonb().$type<Record<string, SlotCheckSummary>>().notNull(),
    score: integer().notNull(),
    blocked: boolean().notNull(),
    legalReview: boolean().notNull(),
    /** SHA-256 of the canonical slots, rendering and source versions. */
    contentHash: text().notNull(),
    /**
     * The W3C traceparent of the generation that wrote this revision (null with tracing off):
     * review decisions on it continue that trace, so one trace follows the content.
     */
    traceparent: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("content_revisions_item_number_key").on(t.contentItemId, t.number)],
);

export type ContentRevisionRow = typeof contentRevisions.$inferSelect;
