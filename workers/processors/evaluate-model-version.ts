import { runModelEvaluation } from "@/lib/models/evaluation/run-model-evaluation";
import { defineProcessor } from "../define-processor";

export default defineProcessor("evaluateModelVersion", (payload) => runModelEvaluation(payload));
