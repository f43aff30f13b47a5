import type { WebhookEventType } from "./emit-webhook-event";

/** Every event type a subscription may ask for. */
export const WEBHOOK_EVENT_TYPES = [
  "content.approved",
  "content.retired",
  "model.drift",
  "model.evaluation_failed",
  "rollout.decided",
  "budget.warning",
] as const satisfies readonly WebhookEventType[];

// Fails to compile when a type is added to WebhookEventType but not listed above.
type Missing = Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>;
export const allEventTypesListed: [Missing] extends [never] ? true : never = true;
