import { emailNotification } from "@/lib/notifications/email-notification";
import { defineProcessor } from "../define-processor";

export default defineProcessor("emailNotification", (payload) => emailNotification(payload));
