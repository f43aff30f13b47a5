CREATE TABLE "shadow_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"shadow_output_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"candidate_position" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shadow_preferences_reviewer_pair" UNIQUE("shadow_output_id","reviewer_id")
);
--> statement-breakpoint
ALTER TABLE "shadow_outputs" ADD COLUMN "prompt" text;--> statement-breakpoint
ALTER TABLE "shadow_outputs" ADD COLUMN "primary_output" text;--> statement-breakpoint
ALTER TABLE "shadow_preferences" ADD CONSTRAINT "shadow_preferences_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_preferences" ADD CONSTRAINT "shadow_preferences_shadow_output_id_shadow_outputs_id_fk" FOREIGN KEY ("shadow_output_id") REFERENCES "public"."shadow_outputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_preferences" ADD CONSTRAINT "shadow_preferences_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shadow_preferences_brand_created_idx" ON "shadow_preferences" USING btree ("brand_id","created_at");