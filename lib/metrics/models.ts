import client from "prom-client";
import { registry } from "./registry";

/** Who a model call went to, in bounded names: the brand's slug, the model's slug, the version's tag. */
export interface ModelLabels {
  brand: string;
  model: string;
  version: string;
}

const version = ["brand", "model", "version"] as const;

export const modelAttemptDuration = new client.Histogram({
  name: "brandgate_model_attempt_duration_seconds",
  help: "One upstream attempt of a model version, by leg (primary, fallback) and outcome (ok, error, timeout…)",
  labelNames: [...version, "served_as", "outcome"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
  registers: [registry],
});
export const modelTokens = new client.Counter({
  name: "brandgate_model_tokens_total",
  help: "Tokens of successful attempts as the upstream counted them, by type (input, output)",
  labelNames: [...version, "type"] as const,
  registers: [registry],
});
export const modelRetries = new client.Counter({
  name: "brandgate_model_retries_total",
  help: "Attempts after the first on one version within one call",
  labelNames: version,
  registers: [registry],
});
export const modelFallbacks = new client.Counter({
  name: "brandgate_model_fallbacks_total",
  help: "Calls handed to a fallback version after the assigned one failed, by the fallback version",
  labelNames: version,
  registers: [registry],
});
export const modelBreakerState = new client.Gauge({
  name: "brandgate_model_breaker_state",
  help: "This process's circuit breaker of a version: 1 on its current state (closed, half_open, open, isolated)",
  labelNames: [...version, "state"] as const,
  registers: [registry],
});

const BREAKER_STATES = ["closed", "half_open", "open", "isolated"] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

export function setBreakerState(labels: ModelLabels, state: BreakerStateName): void {
  for (const s of BREAKER_STATES) modelBreakerState.set({ ...labels, state: s }, s === state ? 1 : 0);
}

/** The hook for one recorded attempt (lib/models/gateway-deps.ts recordAttempt). */
export function observeModelAttempt(
  labels: ModelLabels,
  a: {
    attempt: number;
    servedAs: string;
    outcome: string;
    latencyMs: number;
    tokensIn: number | null;
    tokensOut: number | null;
  },
): void {
  modelAttemptDuration.observe({ ...labels, served_as: a.servedAs, outcome: a.outcome }, a.latencyMs / 1000);
  if (a.tokensIn) modelTokens.inc({ ...labels, type: "input" }, a.tokensIn);
  if (a.tokensOut) modelTokens.inc({ ...labels, type: "output" }, a.tokensOut);
  if (a.attempt > 1) modelRetries.inc(labels);
  else if (a.servedAs === "fallback") modelFallbacks.inc(labels);
}
