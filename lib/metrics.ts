import client from "prom-client";

/** One registry per process; the custom server exposes it at /api/metrics. */
export const registry = new client.Registry();
// The event-loop lag histogram samples on a timer: prom-client's default is every 10 ms, 100
// wake-ups a second in every process even when idle. Once a second still catches a stalled loop
// (the sample is late by the stall), at a hundredth of the wake-ups.
client.collectDefaultMetrics({
  register: registry,
  prefix: "brandgate_",
  eventLoopMonitoringPrecision: 1000,
});

export const httpDuration = new client.Histogram({
  name: "brandgate_http_request_duration_seconds",
  help: "HTTP request duration by surface (api, ui) and status class",
  labelNames: ["surface", "method", "status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
