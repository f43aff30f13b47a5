import { failDeadGenerations } from "@/lib/generation/fail-dead-generations";
import { defineProcessor } from "../define-processor";

export default defineProcessor("failDeadGenerations", (payload) => failDeadGenerations(payload));
