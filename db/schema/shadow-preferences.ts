import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { brands } from "./brands";
import { shadowOutputs } from "./shadow-outputs";
import { users } from "./users";

/** A reviewer's verdict on the candidate against stable, from a blind A/B comparison. */
export const SHADOW_PREFERENCE_VERDICTS = ["better", "same", "worse"] as const;
export type ShadowPreferenceVerdict = (typeof SHADOW_PREFERENCE_VERDICTS)[number];

/**
 * One reviewer's blind comparison of a shadow output with the primary's answer to the same
 * request. The reviewer saw the two as A and B in an order only the server knows; `verdict`
 * is already mapped to candidate vs stable. One per reviewer per pair: the rollout roll-up
 * adds preferences incrementally, so a verdict is never changed once given.
 */
export const shadowPreferences = pgTable(
  "shadow_preferences",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    shadowOutputId: uuid()
      .notNull()
      .references(() => shadowOutputs.id, { onDelete: "cascade" }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The candidate (shadow) compared with stable (primary): better, same or worse. */
    verdict: text().$type<ShadowPreferenceVerdict>().notNull(),
    /** Where the candidate was shown, A or B (kept to check the randomisation). */
    candidatePosition: text().$type<"A" | "B">().notNull(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("shadow_preferences_reviewer_pair").on(t.shadowOutputId, t.reviewerId),
    index("shadow_preferences_brand_created_idx").on(t.brandId, t.createdAt),
  ],
);

export type ShadowPreferenceRow = typeof shadowPreferences.$inferSelect;
