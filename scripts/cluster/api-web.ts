/**
 * A web instance serving only the API surface (/api/v1, /api/health, /api/metrics) through
 * the same dispatcher as server/index.ts, without Next.js: the cluster test runs it where no
 * `npm run build` output exists. Pages get 404. The launcher runs the full server instead when
 * a build is there and `--full` is given.
 */
import http from "node:http";
import { EnvError, getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { buildApi } from "@/server/api/app";
import { createDispatcher } from "@/server/dispatch";
import { stopOnSignals } from "@/server/stop-on-signals";

process.title = "brandgate-web";

async function main(): Promise<void> {
  const env = getEnv();
  const log = logger().child({ component: "web" });
  const api = await buildApi((fastifyHandler) =>
    http.createServer(
      createDispatcher({
        api: fastifyHandler,
        ui: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("API-only instance"),
        trustProxy: env.TRUST_PROXY,
      }),
    ),
  );
  await api.listen({ host: env.HOST, port: env.PORT });
  log.info({ port: env.PORT }, "web ready (API only)");
  process.send?.({ type: "ready" });

  stopOnSignals(log, [() => api.close()]);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
