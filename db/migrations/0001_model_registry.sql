CREATE TYPE "public"."model_kind" AS ENUM('generation', 'personalisation');--> statement-breakpoint
CREATE TYPE "public"."model_provider" AS ENUM('openai-compatible', 'builtin');--> statement-breakpoint
CREATE TYPE "public"."model_label" AS ENUM('stable', 'candidate');--> statement-breakpoint
CREATE TYPE "public"."attempt_outcome" AS ENUM('ok', 'error', 'timeout', 'aborted', 'stream_cut', 'breaker_open');--> statement-breakpoint
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
ALTER TABLE "models" ADD CONSTRAINT "models_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_kind_fk" FOREIGN KEY ("model_id","kind") REFERENCES "public"."models"("id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_labels" ADD CONSTRAINT "model_labels_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_labels" ADD CONSTRAINT "model_labels_version_in_model_fk" FOREIGN KEY ("version_id","model_id") REFERENCES "public"."model_versions"("id","model_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_from_version_id_model_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_label_moves" ADD CONSTRAINT "model_label_moves_to_version_id_model_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_attempts" ADD CONSTRAINT "generation_attempts_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "models_brand_name_key" ON "models" USING btree ("brand_id","name");--> statement-breakpoint
CREATE INDEX "model_label_moves_model_idx" ON "model_label_moves" USING btree ("model_id","moved_at");--> statement-breakpoint
CREATE INDEX "generation_attempts_version_idx" ON "generation_attempts" USING btree ("version_id","started_at");--> statement-breakpoint
CREATE INDEX "generation_attempts_request_idx" ON "generation_attempts" USING btree ("request_id");