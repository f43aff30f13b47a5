/**
 * `npm run audit:verify`: recomputes the audit log's hash chain. Exits 0 when it is intact,
 * 1 (naming the first broken entry) when it is not, 2 when it could not be checked.
 */
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { closeDb, db } from "@/lib/db";
import { EnvError } from "@/lib/env";
import { openDatabase } from "./database";

async function main(): Promise<number> {
  const { embedded } = await openDatabase();
  try {
    const result = await verifyAuditChain(db());
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} entries verified`);
      return 0;
    }
    console.error(
      `audit chain BROKEN at entry ${result.firstBrokenSeq}: ${result.reason} (${result.checked} entries verified before it)`,
    );
    return 1;
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(2);
  },
);
