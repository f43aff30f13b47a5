import { createDb, type Database } from "@/db/client";
import { getEnv, requireDatabaseUrl } from "./env";

let instance: Database | undefined;

/** The process-wide pool. Created on first use so that importing lib never connects. */
export function db(): Database {
  instance ??= createDb({
    url: requireDatabaseUrl(),
    max: getEnv().DB_POOL_MAX,
    applicationName: `brandgate-${process.title}`,
  });
  return instance;
}

export async function closeDb(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.$client.end({ timeout: 5 });
}
