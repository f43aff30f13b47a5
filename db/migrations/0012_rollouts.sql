CREATE TYPE "public"."rollout_status" AS ENUM('active', 'paused', 'promoted', 'aborted');--> statement-breakpoint
CREATE TYPE "public"."rollout_strategy" AS ENUM('canary', 'ab', 'shadow', 'blue_green');--> statement-breakpoint
CREATE TYPE "public"."rollout_decision_kind" AS ENUM('started', 'hold', 'advance', 'promote', 'abort', 'blocked', 'pause', 'resume');--> statement-breakpoint
CREATE TABLE "rollouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"stable_version_id" uuid NOT NULL,
	"candidate_version_id" uuid NOT NULL,
	"strategy" "rollout_strategy" NOT NULL,
	"config" jsonb NOT NULL,
	"status" "rollout_status" DEFAULT 'active' NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"watermarks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_look_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollout_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rollout_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"decision" "rollout_decision_kind" NOT NULL,
	"step_before" integer NOT NULL,
	"step_after" integer NOT NULL,
	"weight_before" integer NOT NULL,
	"weight_after" integer NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" text NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollout_metric_rollups" (
	"rollout_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"n" double precision DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_squares" double precision DEFAULT 0 NOT NULL,
	"histogram" integer[],
	CONSTRAINT "rollout_metric_rollups_rollout_id_version_id_metric_bucket_start_pk" PRIMARY KEY("rollout_id","version_id","metric","bucket_start")
);
--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_stable_version_id_model_versions_id_fk" FOREIGN KEY ("stable_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_candidate_version_id_model_versions_id_fk" FOREIGN KEY ("candidate_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_decisions" ADD CONSTRAINT "rollout_decisions_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_metric_rollups" ADD CONSTRAINT "rollout_metric_rollups_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rollouts_one_live_per_model" ON "rollouts" USING btree ("model_id") WHERE "rollouts"."status" in ('active', 'paused');--> statement-breakpoint
CREATE INDEX "rollouts_brand_idx" ON "rollouts" USING btree ("brand_id","started_at");--> statement-breakpoint
CREATE INDEX "rollout_decisions_rollout_idx" ON "rollout_decisions" USING btree ("rollout_id","at");