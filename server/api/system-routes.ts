import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { checkHealth } from "@/lib/health/check-health";
import { scrapeMetrics } from "@/lib/monitoring/scrape-metrics";

export async function registerSystemRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Public by design: a load balancer asks it. It names components and their state, no secrets.
  api.get("/api/health", { schema: { hide: true } }, async (_req, reply) => {
    const health = await checkHealth();
    return reply
      .code(health.status === "down" ? 503 : 200)
      .header("cache-control", "no-store")
      .send(health);
  });

  api.get("/api/metrics", { schema: { hide: true } }, async (req, reply) => {
    const scrape = await scrapeMetrics(req.headers.authorization);
    return reply
      .header("content-type", scrape.contentType)
      .header("cache-control", "no-store")
      .send(scrape.body);
  });
}
