-- Versions are immutable: kit, template and model versions and content revisions are written
-- once and referenced by hash and id from approvals, rollouts and the audit log. No code
-- updates them (labels, approvals and states live in other tables), so any change to a row
-- is refused, as is a direct DELETE. A referential action — a DELETE cascading from the
-- parent (a brand, template, model or content item removed) or created_by set to null when a
-- user is removed — runs inside the foreign key's own trigger (depth > 1) and is allowed.
-- The trigger's arguments name columns that may change after the row is written: a model
-- version's retired_at is set once when it is retired (lib/models/registry/retire-version.ts).
-- Self-contained; safe to re-run.
CREATE OR REPLACE FUNCTION versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  -- TG_ARGV is null, not empty, for a trigger created without arguments.
  mutable text[] := coalesce(TG_ARGV, '{}'::text[]);
BEGIN
  IF pg_trigger_depth() > 1 THEN
    -- a foreign key's ON DELETE action
    IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
    RETURN OLD;
  END IF;
  -- A no-op UPDATE (every column unchanged) changes nothing and is let through.
  -- So is one that changes only the columns the trigger's arguments allow.
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - mutable) IS NOT DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS brand_kit_versions_immutable ON brand_kit_versions;
--> statement-breakpoint
CREATE TRIGGER brand_kit_versions_immutable
  BEFORE UPDATE OR DELETE ON brand_kit_versions
  FOR EACH ROW EXECUTE FUNCTION versions_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS template_versions_immutable ON template_versions;
--> statement-breakpoint
CREATE TRIGGER template_versions_immutable
  BEFORE UPDATE OR DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION versions_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS model_versions_immutable ON model_versions;
--> statement-breakpoint
CREATE TRIGGER model_versions_immutable
  BEFORE UPDATE OR DELETE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION versions_refuse_change('retired_at');
--> statement-breakpoint
DROP TRIGGER IF EXISTS content_revisions_immutable ON content_revisions;
--> statement-breakpoint
CREATE TRIGGER content_revisions_immutable
  BEFORE UPDATE OR DELETE ON content_revisions
  FOR EACH ROW EXECUTE FUNCTION versions_refuse_change();
