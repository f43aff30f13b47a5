import client from "prom-client";
import { registry } from "./registry";

export const checkResults = new client.Counter({
  name: "brandgate_check_results_total",
  help: "Governance check results by check id and verdict (pass, warn, fail); a crashed check counts as fail",
  labelNames: ["check", "verdict"] as const,
  registers: [registry],
});
export const generationsFinished = new client.Counter({
  name: "brandgate_generations_total",
  help: "Generations that ended in this process, by outcome (succeeded, blocked, failed)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});
export const reviewDecisions = new client.Counter({
  name: "brandgate_review_decisions_total",
  help: "Reviewer decisions recorded, by decision (approve, reject, request_changes)",
  labelNames: ["decision"] as const,
  registers: [registry],
});

// State, read from the database at scrape time (lib/monitoring/read-review-state.ts).
export const reviewWaiting = new client.Gauge({
  name: "brandgate_review_items_waiting",
  help: "Content items in review, by brand and the stage they wait at",
  labelNames: ["brand", "stage"] as const,
  registers: [registry],
});
export const reviewOverdue = new client.Gauge({
  name: "brandgate_review_items_overdue",
  help: "Items waiting at a stage longer than the stage's SLA (slaHours of the pinned workflow)",
  labelNames: ["brand", "stage"] as const,
  registers: [registry],
});
