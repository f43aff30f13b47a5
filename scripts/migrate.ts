/** `npm run db:migrate`: applies migrations (and pg-boss's schema) to the configured database. */
import { closeDb } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { openDatabase } from "./database";

async function main() {
  const { url, embedded } = await openDatabase();
  try {
    await prepareDatabase(url, { seed: false });
    console.log(
      `migrations applied (${embedded ? `embedded database in ${getEnv().DATA_DIR}` : "DATABASE_URL"})`,
    );
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
