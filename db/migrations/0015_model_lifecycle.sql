ALTER TABLE "models" ADD COLUMN "slug" text;--> statement-breakpoint
-- Existing models get a slug from their name (lowercase, runs of other characters to "-"); a
-- clash within a brand gets "-2", "-3"… in creation order.
WITH base AS (
  SELECT id, brand_id, created_at,
    coalesce(nullif(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9._-]+', '-', 'g')), ''), 'model') AS s
  FROM "models"
), numbered AS (
  SELECT id, s, row_number() OVER (PARTITION BY brand_id, s ORDER BY created_at, id) AS n FROM base
)
UPDATE "models" m SET slug = CASE WHEN numbered.n = 1 THEN numbered.s ELSE numbered.s || '-' || numbered.n END
FROM numbered WHERE numbered.id = m.id;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "slug" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "tag" text;--> statement-breakpoint
UPDATE "model_versions" SET tag = version::text;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "tag" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "price_input_per_million" double precision;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "price_output_per_million" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "models_brand_slug_key" ON "models" USING btree ("brand_id","slug");--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_tag_key" UNIQUE("model_id","tag");
