import { jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";
import { brands } from "./brands";
import type { ModelPolicyInput } from "./json/model-policy";

export const modelKindEnum = pgEnum("model_kind", ["generation", "personalisation"]);

/** A named model of one brand; what it runs is in its immutable versions. */
export const models = pgTable(
  "models",
  {
    id: id(),
    brandId: uuid()
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    kind: modelKindEnum().notNull(),
    name: text().notNull(),
    /**
     * The model's id outside Brandgate: lowercase, unique per brand, used in the REST paths and
     * as the OpenAI `model` id (GET /api/v1/models). Backfilled from the name for older rows.
     */
    slug: text().notNull(),
    description: text().notNull().default(""),
    /**
     * How new versions are gated and released: evaluation gate overrides, `autoCanary`, the
     * canary weight, the retraining schedule. Parsed by lib/models/registry/model-policy.ts.
     */
    policy: jsonb().$type<ModelPolicyInput>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("models_brand_name_key").on(t.brandId, t.name),
    uniqueIndex("models_brand_slug_key").on(t.brandId, t.slug),
    // Target of model_versions' (model_id, kind) key, so a version's kind always matches its model's.
    unique("models_id_kind_key").on(t.id, t.kind),
  ],
);

export type Model = typeof models.$inferSelect;
export type ModelKind = (typeof modelKindEnum.enumValues)[number];
