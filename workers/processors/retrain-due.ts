import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("retrainDue", async (payload) =>
  (await import("@/lib/personalisation/queue-due-retraining")).queueDueRetraining(payload),
);
