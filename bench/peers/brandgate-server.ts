/**
 * Brandgate's governed API for the peer bench: `buildApi()` listening on its own loopback
 * port, in its own process, over the database and upstream the orchestrator set up
 * (`DATABASE_URL`, `MODEL_BASE_URL`). Sends `{ port }` to its parent. With `BENCH_PROFILE`
 * set to a folder, `profile:start` and `profile:stop` messages record a CPU profile of just
 * that window there (the orchestrator sends them around one step). Exits on `stop`.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { closeDb } from "@/lib/db";
import { buildApi } from "@/server/api/app";

const app = await buildApi();
await app.listen({ host: "127.0.0.1", port: 0 });
process.send!({ port: (app.server.address() as { port: number }).port });

const inspector = new Session();
async function onMessage(m: unknown) {
  if (m === "profile:start") {
    inspector.connect();
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.setSamplingInterval", { interval: 200 });
    await inspector.post("Profiler.start");
    process.send!({ profiling: true });
  } else if (m === "profile:stop") {
    const { profile } = await inspector.post("Profiler.stop");
    const file = path.join(process.env.BENCH_PROFILE!, `brandgate-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    inspector.disconnect();
    process.send!({ profile: file });
  } else if (m === "stop") {
    await app.close();
    await closeDb();
    process.exit(0);
  }
}
process.on("message", (m) => void onMessage(m));
process.on("disconnect", () => process.exit(0));
