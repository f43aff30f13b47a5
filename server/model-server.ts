/**
 * The built-in generation model server process: OpenAI-compatible, loopback only, CPU, no
 * downloads. The launcher starts it with MODEL_SERVER_PORT; the generator lives in
 * lib/models/builtin.
 */
import { EnvError, getEnv } from "@/lib/env";
import { BUILTIN_MODEL_IDS } from "@/lib/models/builtin/catalog";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";

process.title = "brandgate-model";

try {
  const env = getEnv();
  await startTracing("model-server", env);
  const server = createBuiltinModelServer();
  server.listen(env.MODEL_SERVER_PORT, "127.0.0.1", () => {
    console.log(
      JSON.stringify({
        level: 30,
        msg: "model server ready",
        url: `http://127.0.0.1:${env.MODEL_SERVER_PORT}/v1`,
        models: BUILTIN_MODEL_IDS,
      }),
    );
    process.send?.({ type: "ready" });
  });
  const stop = () => {
    server.close(() => void stopTracing().finally(() => process.exit(0)));
    // Idle keep-alive sockets would hold close() open.
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
