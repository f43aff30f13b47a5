import { pruneAuthRecords } from "@/lib/auth/prune-auth-records";
import { defineProcessor } from "../define-processor";

export default defineProcessor("pruneAuthRecords", (payload) => pruneAuthRecords(payload));
