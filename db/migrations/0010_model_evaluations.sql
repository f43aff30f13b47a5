CREATE TYPE "public"."evaluation_status" AS ENUM('queued', 'running', 'passed', 'failed', 'error');--> statement-breakpoint
CREATE TABLE "model_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"baseline_version_id" uuid,
	"set_version" text,
	"status" "evaluation_status" DEFAULT 'queued' NOT NULL,
	"metrics" jsonb,
	"gates" jsonb,
	"report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"template" text NOT NULL,
	"summary" text NOT NULL,
	"audience" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "model_evaluations" ADD CONSTRAINT "model_evaluations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evaluations" ADD CONSTRAINT "model_evaluations_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evaluations" ADD CONSTRAINT "model_evaluations_baseline_version_id_model_versions_id_fk" FOREIGN KEY ("baseline_version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_briefs" ADD CONSTRAINT "evaluation_briefs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_briefs" ADD CONSTRAINT "evaluation_briefs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_evaluations_version_key" ON "model_evaluations" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "model_evaluations_model_idx" ON "model_evaluations" USING btree ("model_id","created_at");--> statement-breakpoint
CREATE INDEX "model_evaluations_unfinished_idx" ON "model_evaluations" USING btree ("created_at") WHERE "model_evaluations"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "evaluation_briefs_brand_idx" ON "evaluation_briefs" USING btree ("brand_id","created_at");