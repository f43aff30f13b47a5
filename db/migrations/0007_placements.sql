CREATE TYPE "public"."placement_method" AS ENUM('model', 'thompson', 'hash');--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"key" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_variants" (
	"placement_id" uuid NOT NULL,
	"content_item_id" uuid NOT NULL,
	"attached_by" uuid,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_variants_placement_id_content_item_id_pk" PRIMARY KEY("placement_id","content_item_id")
);
--> statement-breakpoint
CREATE TABLE "placement_assignments" (
	"placement_id" uuid NOT NULL,
	"unit_key" text NOT NULL,
	"content_item_id" uuid NOT NULL,
	"method" "placement_method" NOT NULL,
	"model_version_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_assignments_placement_id_unit_key_pk" PRIMARY KEY("placement_id","unit_key")
);
--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_variants" ADD CONSTRAINT "placement_variants_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_variants" ADD CONSTRAINT "placement_variants_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_variants" ADD CONSTRAINT "placement_variants_attached_by_users_id_fk" FOREIGN KEY ("attached_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_assignments" ADD CONSTRAINT "placement_assignments_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_assignments" ADD CONSTRAINT "placement_assignments_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "placements_brand_key_key" ON "placements" USING btree ("brand_id","key");