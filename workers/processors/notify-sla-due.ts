import { notifySlaDue } from "@/lib/notifications/notify-sla-due";
import { defineProcessor } from "../define-processor";

export default defineProcessor("notifySlaDue", (payload) => notifySlaDue(payload));
