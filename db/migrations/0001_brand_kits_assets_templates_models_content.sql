CREATE TYPE "public"."asset_kind" AS ENUM('image', 'copy');--> statement-breakpoint
CREATE TYPE "public"."check_subject" AS ENUM('asset', 'text', 'content');--> statement-breakpoint
CREATE TYPE "public"."model_kind" AS ENUM('generation', 'personalisation');--> statement-breakpoint
CREATE TYPE "public"."model_provider" AS ENUM('openai-compatible', 'builtin');--> statement-breakpoint
CREATE TYPE "public"."model_label" AS ENUM('stable', 'candidate');--> statement-breakpoint
CREATE TYPE "public"."attempt_outcome" AS ENUM('ok', 'error', 'timeout', 'aborted', 'stream_cut', 'breaker_open');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('exposure', 'click', 'conversion');--> statement-breakpoint
CREATE TYPE "public"."route_mode" AS ENUM('stable', 'split', 'shadow');--> statement-breakpoint
CREATE TYPE "public"."generation_status" AS ENUM('queued', 'running', 'blocked', 'failed', 'succeeded');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "brand_kit_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brand_kits" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"published_version_id" uuid NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"key" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"kind" "asset_kind" NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"width" integer,
	"height" integer,
	"storage_key" text,
	"text" text,
	"channel" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"subject_type" "check_subject" NOT NULL,
	"subject_id" uuid,
	"kit_version_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"score" integer NOT NULL,
	"blocked" boolean NOT NULL,
	"legal_review" boolean NOT NULL,
	"results" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"key" text NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_approvals" (
	"template_version_id" uuid PRIMARY KEY NOT NULL,
	"approved_by" uuid,
	"approver_role" text NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"kind" "model_kind" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "models_id_kind_key" UNIQUE("id","kind")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"kind" "model_kind" NOT NULL,
	"version" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provider" "model_provider",
	"base_url" text,
	"model_name" text,
	"parameters" jsonb,
	"resilience" jsonb,
	"secret_env" text,
	"secret_ciphertext" "bytea",
	"artifact" "bytea",
	"artifact_sha256" text,
	"feature_schema" jsonb,
	"lineage" jsonb,
	CONSTRAINT "model_versions_model_version_key" UNIQUE("model_id","version"),
	CONSTRAINT "model_versions_id_model_key" UNIQUE("id","model_id"),
	CONSTRAINT "model_versions_kind_columns" CHECK (("model_versions"."kind" = 'generation' and "model_versions"."provider" is not null and "model_versions"."model_name" is not null
            and "model_versions"."parameters" is not null and "model_versions"."resilience" is not null and "model_versions"."artifact" is null)
       or ("model_versions"."kind" = 'personalisation' and "model_versions"."provider" is null and "model_versions"."artifact" is not null
            and "model_versions"."artifact_sha256" is not null and "model_versions"."feature_schema" is not null and "model_versions"."lineage" is not null)),
	CONSTRAINT "model_versions_one_secret" CHECK ("model_versions"."secret_env" is null or "model_versions"."secret_ciphertext" is null)
);
--> statement-breakpoint
CREATE TABLE "model_labels" (
	"model_id" uuid NOT NULL,
	"label" "model_label" NOT NULL,
	"version_id" uuid NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_labels_model_id_label_pk" PRIMARY KEY("model_id","label")
);
--> statement-breakpoint
CREATE TABLE "model_label_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" uuid NOT NULL,
	"label" "model_label" NOT NULL,
	"from_version_id" uuid,
	"to_version_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"served_as" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"latency_ms" integer NOT NULL,
	"tokens_in" integer,
	"tokens_out" integer,
	"outcome" "attempt_outcome" NOT NULL,
	"error_class" text,
	"http_status" integer,
	"upstream_request_id" text
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"kind" "event_kind" NOT NULL,
	"unit_key" text NOT NULL,
	"content_id" uuid,
	"external_id" text,
	"audience" jsonb,
	"variant" jsonb,
	"value" double precision DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_routes" (
	"model_id" uuid PRIMARY KEY NOT NULL,
	"mode" "route_mode" DEFAULT 'stable' NOT NULL,
	"candidate_weight" integer DEFAULT 0 NOT NULL,
	"salt" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shadow_outputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"primary_version_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"output" text,
	"score" integer,
	"blocked" boolean,
	"check_results" jsonb,
	"error" text,
	"latency_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"created_by" uuid,
	"template_version_id" uuid NOT NULL,
	"brief" jsonb NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}' NOT NULL,
	"audience" jsonb,
	"unit_key" text,
	"status" "generation_status" DEFAULT 'queued' NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rounds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" jsonb,
	"content_item_id" uuid,
	"auto_submit" boolean DEFAULT true NOT NULL,
	"idempotency_key" text,
	"batch_id" uuid,
	"batch_row" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"status" "content_status" DEFAULT 'draft' NOT NULL,
	"current_revision_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content_item_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"slots" jsonb NOT NULL,
	"rendered" jsonb NOT NULL,
	"kit_version_id" uuid NOT NULL,
	"template_version_id" uuid NOT NULL,
	"model_version_id" uuid,
	"personalisation_version_id" uuid,
	"generation_id" uuid,
	"check_results" jsonb NOT NULL,
	"score" integer NOT NULL,
	"blocked" boolean NOT NULL,
	"legal_review" boolean NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"created_by" uuid,
	"template_version_id" uuid NOT NULL,
	"brief" jsonb NOT NULL,
	"total_rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_kit_versions" ADD CONSTRAINT "brand_kit_versions_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_kit_versions" ADD CONSTRAINT "brand_kit_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_kits" ADD CONSTRAINT "brand_kits_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_kits" ADD CONSTRAINT "brand_kits_published_version_id_brand_kit_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."brand_kit_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_kits" ADD CONSTRAINT "brand_kits_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_kit_version_id_brand_kit_versions_id_fk" FOREIGN KEY ("kit_version_id") REFERENCES "public"."brand_kit_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_approvals" ADD CONSTRAINT "template_approvals_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_approvals" ADD CONSTRAINT "template_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_kind_fk" FOREIGN KEY ("model_id","kind") REFERENCES "public"."models"("id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_labels" ADD CONSTRAINT "model_labels_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_labels" ADD CONSTRAINT "model_labels_version_in_model_fk" FOREIGN KEY ("version_id","model_id") REFERENCES "public"."model_versions"("id","model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_from_version_id_model_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_to_version_id_model_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_attempts" ADD CONSTRAINT "generation_attempts_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_routes" ADD CONSTRAINT "model_routes_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_outputs" ADD CONSTRAINT "shadow_outputs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_outputs" ADD CONSTRAINT "shadow_outputs_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_kit_version_id_brand_kit_versions_id_fk" FOREIGN KEY ("kit_version_id") REFERENCES "public"."brand_kit_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_batches" ADD CONSTRAINT "generation_batches_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_batches" ADD CONSTRAINT "generation_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_batches" ADD CONSTRAINT "generation_batches_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "brand_kit_versions_brand_version_key" ON "brand_kit_versions" USING btree ("brand_id","version");--> statement-breakpoint
CREATE INDEX "brand_kit_versions_brand_idx" ON "brand_kit_versions" USING btree ("brand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_brand_sha256_key" ON "assets" USING btree ("brand_id","sha256");--> statement-breakpoint
CREATE INDEX "assets_brand_created_idx" ON "assets" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "check_runs_subject_idx" ON "check_runs" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_brand_key" ON "templates" USING btree ("brand_id","key");--> statement-breakpoint
CREATE INDEX "templates_brand_idx" ON "templates" USING btree ("brand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "template_versions_template_version_key" ON "template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "models_brand_name_key" ON "models" USING btree ("brand_id","name");--> statement-breakpoint
CREATE INDEX "model_label_moves_model_idx" ON "model_label_moves" USING btree ("model_id","moved_at");--> statement-breakpoint
CREATE INDEX "generation_attempts_version_idx" ON "generation_attempts" USING btree ("version_id","started_at");--> statement-breakpoint
CREATE INDEX "generation_attempts_request_idx" ON "generation_attempts" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_brand_external_key" ON "events" USING btree ("brand_id","external_id");--> statement-breakpoint
CREATE INDEX "events_brand_kind_time_idx" ON "events" USING btree ("brand_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "events_unit_content_idx" ON "events" USING btree ("brand_id","unit_key","content_id");--> statement-breakpoint
CREATE INDEX "shadow_outputs_model_idx" ON "shadow_outputs" USING btree ("model_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "generations_idempotency_key" ON "generations" USING btree ("brand_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "generations_brand_created_idx" ON "generations" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "generations_batch_idx" ON "generations" USING btree ("batch_id","batch_row");--> statement-breakpoint
CREATE INDEX "content_items_brand_status_idx" ON "content_items" USING btree ("brand_id","status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "content_revisions_item_number_key" ON "content_revisions" USING btree ("content_item_id","number");