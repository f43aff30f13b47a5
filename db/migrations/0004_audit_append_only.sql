-- The audit log is append-only: rows can be inserted, never changed or removed.
-- Self-contained so it can be renumbered at merge; safe to re-run.
CREATE OR REPLACE FUNCTION audit_entries_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
--> statement-breakpoint
-- The chain's head: 64 zeros is the "previous hash" of the first entry.
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- The head only moves forward, one entry at a time, to an entry that exists with that hash;
-- it is never deleted. (A superuser can still bypass triggers: the verifier is the backstop.)
CREATE OR REPLACE FUNCTION audit_head_advance_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.last_seq <> OLD.last_seq + 1 OR NOT EXISTS (
    SELECT 1 FROM audit_entries e
    WHERE e.seq = NEW.last_seq AND e.hash = NEW.last_hash AND e.prev_hash = OLD.last_hash
  ) THEN
    RAISE EXCEPTION 'audit_head only advances to the entry just appended'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_head_advance_only ON audit_head;
--> statement-breakpoint
CREATE TRIGGER audit_head_advance_only
  BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_advance_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head;
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate
  BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_advance_only();
