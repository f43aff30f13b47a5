import { recordQueueProbe } from "@/lib/health/record-queue-probe";
import { defineProcessor } from "../define-processor";

export default defineProcessor("queueProbe", (payload, job) => recordQueueProbe(payload, job.signal));
