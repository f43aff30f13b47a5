import { queueDueRetraining } from "@/lib/models/training/queue-due-retraining";
import { defineProcessor } from "../define-processor";

export default defineProcessor("retrainDue", (payload) => queueDueRetraining(payload));
