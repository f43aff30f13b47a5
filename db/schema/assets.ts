import { index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import type { ImageRole } from "./json/check-result";
import { brands } from "./brands";
import { users } from "./users";

export const assetKindEnum = pgEnum("asset_kind", ["image", "copy"]);

/**
 * A brand asset: an image (bytes in the blob store, metadata stripped on ingest) or a copy
 * snippet (text inline). Content-hashed and de-duplicated per brand.
 */
export const assets = pgTable(
  "assets",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    kind: assetKindEnum().notNull(),
    /** Display name given by the uploader; never used to decide the type. */
    name: text().notNull(),
    /** Detected from the bytes (magic numbers), e.g. image/png, or text/plain for copy. */
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    /** SHA-256 hex of the stored content (after metadata stripping). */
    sha256: text().notNull(),
    width: integer(),
    height: integer(),
    /** What an image is for (logo, product, photo), chosen at upload; decides its checks. Null for copy. */
    imageRole: text().$type<ImageRole>(),
    /** Key in the blob store; null for copy snippets. */
    storageKey: text(),
    /** The snippet itself, for copy assets. */
    text: text(),
    /** The channel a copy snippet is written for: decides its disclaimers and length limit. */
    channel: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("assets_brand_sha256_key").on(t.brandId, t.sha256),
    index("assets_brand_created_idx").on(t.brandId, t.createdAt),
  ],
);

export type AssetRow = typeof assets.$inferSelect;
