import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * pg-boss's schema is created by pg-boss itself (prepareDatabase, as the owner), after the
 * drizzle migrations that create `brandgate_runtime` (0023_runtime_role.sql): so its grants are
 * given here, once its tables and every queue's partition exist. The runtime role sends, fetches
 * and completes jobs and updates queue settings (workers' ensureQueues); creating a queue, which
 * makes a table, stays with the owner's migration step.
 */
export async function grantJobSchema(database: Database): Promise<void> {
  await database.execute(sql`GRANT USAGE ON SCHEMA pgboss TO brandgate_runtime`);
  await database.execute(
    sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO brandgate_runtime`,
  );
  await database.execute(
    sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO brandgate_runtime`,
  );
  await database.execute(sql`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO brandgate_runtime`);
}
