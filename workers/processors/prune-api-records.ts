import { pruneApiRecords } from "@/lib/api-keys/prune-api-records";
import { defineProcessor } from "../define-processor";

export default defineProcessor("pruneApiRecords", (payload) => pruneApiRecords(payload));
