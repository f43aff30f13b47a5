import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors";
import { scrapeMetrics } from "@/lib/monitoring/scrape-metrics";

/**
 * A worker's own metrics endpoint (WORKER_METRICS_PORT): GET /metrics with the same registry
 * code and the same METRICS_TOKEN guard as the web server's /api/metrics. Nothing else is served.
 */
export async function startMetricsServer(
  options: { host: string; port: number },
  log: Logger,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || (path !== "/metrics" && path !== "/api/metrics")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    scrapeMetrics(req.headers.authorization).then(
      ({ contentType, body }) =>
        res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body),
      (err: unknown) => {
        if (err instanceof AppError && err.code === "unauthorized") {
          res
            .writeHead(401, { "www-authenticate": "Bearer", "content-type": "text/plain" })
            .end(`${err.message}\n`);
          return;
        }
        log.error({ err }, "metrics scrape failed");
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
