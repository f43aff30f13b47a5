import { detectDrift } from "@/lib/drift/detect-drift";
import { defineProcessor } from "../define-processor";

export default defineProcessor("detectDrift", (payload) => detectDrift(payload));
