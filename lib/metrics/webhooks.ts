import client from "prom-client";
import { registry } from "./registry";

export const webhookAttempts = new client.Counter({
  name: "brandgate_webhook_attempts_total",
  help: "Webhook delivery attempts made by this process, by outcome (delivered, retrying, dead, skipped)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

// State, read from the database at scrape time (lib/monitoring/read-webhook-state.ts).
export const webhookDeliveriesPending = new client.Gauge({
  name: "brandgate_webhook_deliveries_pending",
  help: "Webhook deliveries still to be made or retried, by brand",
  labelNames: ["brand"] as const,
  registers: [registry],
});
export const webhookDeliveriesDead = new client.Gauge({
  name: "brandgate_webhook_deliveries_dead",
  help: "Webhook deliveries that gave up (attempts spent or endpoint disabled), by brand; an admin can redeliver",
  labelNames: ["brand"] as const,
  registers: [registry],
});
