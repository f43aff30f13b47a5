import { analyseDueRollouts } from "@/lib/rollout/analyse-due-rollouts";
import { defineProcessor } from "../define-processor";

export default defineProcessor("analyseRollouts", (payload) => analyseDueRollouts(payload));
