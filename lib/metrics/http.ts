import client from "prom-client";
import { registry } from "./registry";

/**
 * Every answer of the API (`surface="api"`, `route` the Fastify route template such as
 * `/api/v1/generations/:id`, or `unmatched`) and of the UI (`surface="ui"`, `route="next"`:
 * the Node server does not know Next.js's page templates, and a raw path is unbounded).
 */
export const httpRequestDuration = new client.Histogram({
  name: "brandgate_http_request_duration_seconds",
  help: "HTTP request duration by surface, route template, method and status code",
  labelNames: ["surface", "route", "method", "status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
