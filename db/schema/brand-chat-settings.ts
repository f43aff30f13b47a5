import { boolean, pgTable, real, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { brands } from "./brands";
import { users } from "./users";

/**
 * A brand's switch for the OpenAI-compatible chat lane (/api/v1/chat/completions) for API
 * keys. No row means off: a brand opts in, and a key must be chat-enabled as well.
 */
export const brandChatSettings = pgTable("brand_chat_settings", {
  brandId: uuid()
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  enabled: boolean().notNull().default(false),
  /** Share (0–1) of completed chat calls sampled for after-the-fact review, by request id. */
  reviewSampleRate: real().notNull().default(0),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  ...timestamps(),
});

export type BrandChatSettingsRow = typeof brandChatSettings.$inferSelect;
