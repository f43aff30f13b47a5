import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("analyseRollouts", async (payload) =>
  (await import("@/lib/rollout/analyse-due-rollouts")).analyseDueRollouts(payload),
);
