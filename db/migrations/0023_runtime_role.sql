-- The role the product runs as (web, workers, model server) on PostgreSQL, apart from the role
-- that owns the schema and runs these migrations. It is neither superuser nor owner of any
-- table: it cannot `SET session_replication_role = replica` (superuser only) or disable a
-- trigger (owner only), so the audit log's append-only trigger holds against the application's
-- own connection; and on the audit log it may only read and append. NOLOGIN: an operator grants
-- it to the login role in the runtime DATABASE_URL (README, "Database roles"). On the embedded
-- database every connection is one session of one superuser; the role exists there unused.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'brandgate_runtime') THEN
    CREATE ROLE brandgate_runtime NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO brandgate_runtime;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO brandgate_runtime;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO brandgate_runtime;
--> statement-breakpoint
-- Tables and sequences later migrations create (as the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO brandgate_runtime;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO brandgate_runtime;
--> statement-breakpoint
-- The audit log: read and append only (its head row, audit_head, is updated under a lock).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM brandgate_runtime;
