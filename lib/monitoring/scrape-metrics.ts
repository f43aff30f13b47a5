import { authorizeMetrics } from "@/lib/auth/authorize-metrics";
import { registry } from "@/lib/metrics/registry";
import { refreshStateMetrics } from "./refresh-state-metrics";

/**
 * One scrape, for /api/metrics and a worker's metrics port alike: the METRICS_TOKEN check,
 * the state gauges brought up to date, then the registry in Prometheus's text format.
 */
export async function scrapeMetrics(authorization: string | undefined) {
  authorizeMetrics(authorization);
  await refreshStateMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
