import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("detectDrift", async (payload) =>
  (await import("@/lib/drift/detect-drift")).detectDrift(payload),
);
