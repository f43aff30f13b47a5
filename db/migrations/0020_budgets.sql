CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"api_key_lineage_id" uuid,
	"limit_micro_usd" bigint NOT NULL,
	"warn_at" double precision DEFAULT 0.8 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_scope_key" UNIQUE NULLS NOT DISTINCT("brand_id","scope","api_key_lineage_id"),
	CONSTRAINT "budgets_scope_lineage" CHECK (("budgets"."scope" = 'brand' and "budgets"."api_key_lineage_id" is null) or ("budgets"."scope" = 'key' and "budgets"."api_key_lineage_id" is not null)),
	CONSTRAINT "budgets_limit_non_negative" CHECK ("budgets"."limit_micro_usd" >= 0),
	CONSTRAINT "budgets_warn_at_share" CHECK ("budgets"."warn_at" > 0 and "budgets"."warn_at" <= 1)
);
--> statement-breakpoint
CREATE TABLE "budget_spend" (
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"month" date NOT NULL,
	"brand_id" uuid NOT NULL,
	"spent_micro_usd" bigint DEFAULT 0 NOT NULL,
	"reserved_micro_usd" bigint DEFAULT 0 NOT NULL,
	"touched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"warned_at" timestamp with time zone,
	CONSTRAINT "budget_spend_scope_scope_id_month_pk" PRIMARY KEY("scope","scope_id","month")
);
--> statement-breakpoint
ALTER TABLE "generation_attempts" ADD COLUMN "brand_id" uuid;--> statement-breakpoint
ALTER TABLE "generation_attempts" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "generation_attempts" ADD COLUMN "cost_micro_usd" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "chat_calls" ADD COLUMN "cost_micro_usd" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spend" ADD CONSTRAINT "budget_spend_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_attempts_brand_idx" ON "generation_attempts" USING btree ("brand_id","started_at");--> statement-breakpoint
-- Budgets are hot-path configuration (the chat lane reads them from memory per brand state
-- version): a change bumps the brand's state version like chat settings do (migration 0013).
DROP TRIGGER IF EXISTS budgets_state ON budgets;
--> statement-breakpoint
CREATE TRIGGER budgets_state AFTER INSERT OR UPDATE OR DELETE ON budgets
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('brand');
--> statement-breakpoint
-- Attempts recorded before costs were: their brand follows from their version (versions are
-- immutable, so its prices are the ones they were made at), and their cost from its prices.
UPDATE generation_attempts a
SET brand_id = m.brand_id,
    cost_micro_usd = ceil(round((coalesce(a.tokens_in, 0) * coalesce(v.price_input_per_million, 0)
      + coalesce(a.tokens_out, 0) * coalesce(v.price_output_per_million, 0))::numeric, 3))::bigint
FROM model_versions v JOIN models m ON m.id = v.model_id
WHERE v.id = a.version_id AND a.brand_id IS NULL;
