CREATE TABLE "brand_state_versions" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_state_versions" ADD CONSTRAINT "brand_state_versions_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Bumps the brand's state version when configuration the hot paths cache changes
-- (db/schema/brand-state-versions.ts). TG_ARGV[0] says how the row names its brand:
-- 'brand' (a brand_id column) or 'model' (a model_id column, via models).
-- Self-contained so it can be renumbered at merge; safe to re-run.
CREATE OR REPLACE FUNCTION brand_state_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  b uuid;
BEGIN
  IF TG_ARGV[0] = 'model' THEN
    SELECT m.brand_id INTO b FROM models m WHERE m.id = (r->>'model_id')::uuid;
  ELSE
    b := (r->>'brand_id')::uuid;
  END IF;
  -- A brand being deleted takes its rows with it: nothing left to describe.
  IF b IS NOT NULL AND EXISTS (SELECT 1 FROM brands WHERE id = b) THEN
    INSERT INTO brand_state_versions AS v (brand_id, version) VALUES (b, 1)
    ON CONFLICT (brand_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS brand_kits_state ON brand_kits;
--> statement-breakpoint
CREATE TRIGGER brand_kits_state AFTER INSERT OR UPDATE OR DELETE ON brand_kits
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('brand');
--> statement-breakpoint
DROP TRIGGER IF EXISTS brand_chat_settings_state ON brand_chat_settings;
--> statement-breakpoint
CREATE TRIGGER brand_chat_settings_state AFTER INSERT OR UPDATE OR DELETE ON brand_chat_settings
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('brand');
--> statement-breakpoint
DROP TRIGGER IF EXISTS models_state ON models;
--> statement-breakpoint
CREATE TRIGGER models_state AFTER INSERT OR UPDATE OR DELETE ON models
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('brand');
--> statement-breakpoint
DROP TRIGGER IF EXISTS model_labels_state ON model_labels;
--> statement-breakpoint
CREATE TRIGGER model_labels_state AFTER INSERT OR UPDATE OR DELETE ON model_labels
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('model');
--> statement-breakpoint
DROP TRIGGER IF EXISTS model_routes_state ON model_routes;
--> statement-breakpoint
CREATE TRIGGER model_routes_state AFTER INSERT OR UPDATE OR DELETE ON model_routes
  FOR EACH ROW EXECUTE FUNCTION brand_state_bump('model');
