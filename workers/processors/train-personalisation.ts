import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("trainPersonalisation", async (payload) =>
  (await import("@/lib/personalisation/train-personalisation-model")).trainPersonalisationModel(payload),
);
