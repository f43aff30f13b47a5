/**
 * The process's Prometheus registry: the web server serves it at /api/metrics, a worker on
 * WORKER_METRICS_PORT. Every family lives in a file of this folder, named after Prometheus's
 * conventions (base units in the name, `_total` on counters) with bounded labels only: brand
 * and model slugs, version tags, queue names, check ids, stage names — never a row's id.
 *
 * Counters and histograms are incremented in-process where the event happens, so each
 * process reports what it did (sum them across instances). State gauges (queue depths, review
 * waiting, live rollouts, dead deliveries) are read from the database at scrape time by
 * lib/monitoring and are the same on every instance (take `max` across instances).
 *
 * Cost and budgets (issue 21 item 3) add their families here in their own file, among them
 * `brandgate_budget_used_ratio{scope="brand"|"key", brand}`, which deploy/prometheus alerts on.
 */
import client from "prom-client";

export const registry = new client.Registry();
// The event-loop lag histogram samples on a timer: prom-client's default is every 10 ms, 100
// wake-ups a second in every process even when idle. Once a second still catches a stalled loop
// (the sample is late by the stall), at a hundredth of the wake-ups.
client.collectDefaultMetrics({
  register: registry,
  prefix: "brandgate_",
  eventLoopMonitoringPrecision: 1000,
});
