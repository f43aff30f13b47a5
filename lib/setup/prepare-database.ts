import { migrateDatabase } from "@/db/migrate";
import { sealAuditChain } from "@/lib/audit/seal-audit-chain";
import { db } from "@/lib/db";
import { createBoss, ensureQueues } from "@/lib/jobs/boss";
import { seedDemo } from "@/lib/demo/seed-demo";
import { grantJobSchema } from "./grant-job-schema";

/**
 * Everything a database needs before the app runs on it: drizzle migrations, pg-boss's
 * schema and queues (and the runtime role's grants on them), a keyed seal on an audit chain from before it was keyed, and (when asked) the demo data. Idempotent: safe on every start.
 */
export async function prepareDatabase(url: string, options: { seed: boolean }): Promise<{ seeded: boolean }> {
  await migrateDatabase(url);
  await sealAuditChain(db());
  const boss = createBoss(db(), { supervise: false });
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  await grantJobSchema(db());
  const seeded = options.seed ? await seedDemo(db()) : false;
  return { seeded };
}
