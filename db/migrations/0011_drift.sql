CREATE TYPE "public"."drift_status" AS ENUM('ok', 'warn', 'alert');--> statement-breakpoint
CREATE TABLE "drift_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"model_id" uuid,
	"signal" text NOT NULL,
	"statistic" text NOT NULL,
	"value" double precision NOT NULL,
	"p_value" double precision,
	"threshold" double precision NOT NULL,
	"status" "drift_status" NOT NULL,
	"reference_start" timestamp with time zone NOT NULL,
	"reference_end" timestamp with time zone NOT NULL,
	"current_start" timestamp with time zone NOT NULL,
	"current_end" timestamp with time zone NOT NULL,
	"reference_count" integer NOT NULL,
	"current_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drift_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"model_id" uuid,
	"check_id" uuid NOT NULL,
	"signal" text NOT NULL,
	"statistic" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_check_id_drift_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."drift_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "drift_checks_window_key" ON "drift_checks" USING btree ("brand_id","signal","statistic","current_start","current_end");--> statement-breakpoint
CREATE INDEX "drift_checks_brand_created_idx" ON "drift_checks" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "drift_alerts_open_key" ON "drift_alerts" USING btree ("brand_id","signal","statistic") WHERE "drift_alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "drift_alerts_brand_created_idx" ON "drift_alerts" USING btree ("brand_id","created_at");