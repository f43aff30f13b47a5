import { defineProcessor } from "../define-processor";

// Background work: its code loads with its first job, not with every worker (workers/processors/index.ts).
export default defineProcessor("evaluateModelVersion", async (payload) =>
  (await import("@/lib/evaluation/run-model-evaluation")).runModelEvaluation(payload),
);
