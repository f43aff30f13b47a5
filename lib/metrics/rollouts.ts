import client from "prom-client";
import { registry } from "./registry";

const candidate = ["brand", "model", "version"] as const;

export const rolloutDecisionsMade = new client.Counter({
  name: "brandgate_rollout_decisions_total",
  help: "Rollout decisions recorded in this process (started, hold, advance, promote, abort…)",
  labelNames: ["decision"] as const,
  registers: [registry],
});

// State, read from the database at scrape time (lib/monitoring/read-rollout-state.ts).
export const rolloutsLive = new client.Gauge({
  name: "brandgate_rollouts_live",
  help: "Rollouts that are active or paused, by brand and status",
  labelNames: ["brand", "status"] as const,
  registers: [registry],
});
export const rolloutCandidateWeight = new client.Gauge({
  name: "brandgate_rollout_candidate_weight_ratio",
  help: "Share of units a live rollout sends to its candidate version (0–1), after its last decision",
  labelNames: candidate,
  registers: [registry],
});
export const rolloutLastDecision = new client.Gauge({
  name: "brandgate_rollout_last_decision_timestamp_seconds",
  help: "When a live rollout's last decision was taken; the decision is a label",
  labelNames: [...candidate, "decision"] as const,
  registers: [registry],
});
