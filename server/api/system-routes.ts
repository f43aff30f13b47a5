import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { authorizeMetrics } from "@/lib/auth/authorize-metrics";
import { checkHealth } from "@/lib/health/check-health";
import { registry } from "@/lib/metrics";
// Registers brandgate_budget_used_ratio (read from the database at scrape time).
import "@/lib/budgets/budget-gauge";

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
    authorizeMetrics(req.headers.authorization);
    return reply.header("content-type", registry.contentType).send(await registry.metrics());
  });
}
