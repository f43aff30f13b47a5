import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { defineProcessor } from "../define-processor";

export default defineProcessor("deliverWebhook", (payload) => attemptDelivery(payload.deliveryId));
