/**
 * Brandgate's API for the soak test, in its own process: `buildApi()` behind the product's
 * dispatcher, as `server/index.ts` mounts it (request ids, the client address, the
 * `brandgate_http_request_duration_seconds` histogram), without Next.js — the soak sends API
 * paths only. Listens on a free loopback port and sends `{ type: "ready", port }` to its parent.
 *
 * The process reports its own memory over IPC, never over HTTP (the product has no such
 * endpoint, and must not): `{ type: "memory", seq }` is answered with `process.memoryUsage()`,
 * the event loop's delay and the CPU used since the previous report. When started with
 * `--expose-gc` it then forces a full GC and adds the heap that survived it (`heapAfterGc`):
 * the retained heap, which a leak grows and allocation churn does not. `{ type: "stop" }`
 * closes the server and the pool and exits.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { closeDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { stopSender } from "@/lib/jobs/send-job";
import { logger } from "@/lib/log";
import { buildApi } from "@/server/api/app";
import { createDispatcher, observeRequests } from "@/server/dispatch";

export interface MemoryReport {
  type: "memory";
  seq: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** heapUsed right after a forced full GC; null without `--expose-gc`. */
  heapAfterGc: number | null;
  /** How long that GC blocked the event loop. */
  gcMs: number | null;
  /** The event loop's delay since the previous report, in ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** User + system CPU since the previous report, in ms. */
  cpuMs: number;
}

const log = logger().child({ component: "soak-server" });
const api = await buildApi((fastifyHandler) =>
  http.createServer(
    createDispatcher({
      api: fastifyHandler,
      ui: (_req, res) => void res.writeHead(404).end(),
      trustProxy: getEnv().TRUST_PROXY,
      onDone: observeRequests(log),
    }),
  ),
);
await api.listen({ host: "127.0.0.1", port: 0 });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu = process.cpuUsage();
const gc = (globalThis as { gc?: () => void }).gc;

function report(seq: number): MemoryReport {
  const m = process.memoryUsage();
  let heapAfterGc: number | null = null;
  let gcMs: number | null = null;
  if (gc) {
    const t = performance.now();
    gc();
    gcMs = performance.now() - t;
    heapAfterGc = process.memoryUsage().heapUsed;
  }
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const out: MemoryReport = {
    type: "memory",
    seq,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    heapAfterGc,
    gcMs,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  };
  loop.reset();
  return out;
}

process.on("message", (m: { type?: string; seq?: number }) => {
  if (m?.type === "memory") process.send!(report(m.seq ?? 0));
  else if (m?.type === "stop")
    void (async () => {
      await api.close();
      await stopSender();
      await closeDb();
      process.exit(0);
    })();
});
process.on("disconnect", () => process.exit(0));
process.send!({ type: "ready", port: (api.server.address() as { port: number }).port });
