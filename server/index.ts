/**
 * The custom Node server: one http server on PORT. /api/v1/*, /api/health and /api/metrics
 * go to Fastify; everything else to Next.js's request handler (see DESIGN.md for why).
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { EnvError, getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { accessLog } from "./access-log";
import { buildApi } from "./api/app";
import { createDispatcher, observeRequests } from "./dispatch";
import { stopOnSignals } from "./stop-on-signals";

process.title = "brandgate-web";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const env = getEnv();
  await startTracing("web", env);
  const log = logger().child({ component: "web" });
  const observe = observeRequests(log);
  const logAccess = accessLog(log);
  const nextApp = next({
    dev: env.NODE_ENV === "development",
    dir: root,
    hostname: env.HOST,
    port: env.PORT,
  });
  await nextApp.prepare();
  const ui = nextApp.getRequestHandler();

  const api = await buildApi((fastifyHandler) =>
    http.createServer(
      createDispatcher({
        api: fastifyHandler,
        ui: (req, res) => ui(req, res),
        trustProxy: env.TRUST_PROXY,
        onDone: (...request) => {
          observe(...request);
          logAccess(...request);
        },
      }),
    ),
  );
  await api.listen({ host: env.HOST, port: env.PORT });
  log.info({ url: env.PUBLIC_URL }, "web ready");
  process.send?.({ type: "ready" });

  stopOnSignals(log, [() => api.close(), () => nextApp.close?.(), stopTracing]);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
