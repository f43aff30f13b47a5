import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("pruneAuthRecords", async (payload) =>
  (await import("@/lib/accounts/prune-auth-records")).pruneAuthRecords(payload),
);
