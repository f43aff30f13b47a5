import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("pruneApiRecords", async (payload) =>
  (await import("@/lib/api-keys/prune-api-records")).pruneApiRecords(payload),
);
