/**
 * A scaled-out Brandgate on one machine: a fresh database on a real PostgreSQL server, the
 * migration step, one model server, N web instances and M worker processes on loopback
 * ports, and a round-robin balancer in front — the same processes, environment and order as
 * the Kubernetes manifests in deploy/k8s. As there, the migration step runs as the database's
 * owner and every other process as a login role of its own that holds only `brandgate_runtime`
 * (db/migrations/0023_runtime_role.sql). `stop()` ends them all and drops the database and role.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { processEnv } from "@/lib/env";
import { startBalancer, type Balancer } from "./balancer";
import { freePort, runEntry, spawnEntry, stopProc, type Proc } from "./processes";

const root = path.resolve(import.meta.dirname, "../..");

export interface ClusterOptions {
  /** A PostgreSQL server to create the run's database on (any database of it; credentials to create one). */
  serverUrl: string;
  webs?: number;
  workers?: number;
  /** Run `server/index.ts` (needs `npm run build`) instead of the API-only instance. */
  fullWeb?: boolean;
  /** Extra environment for every process (e.g. WORKER_CONCURRENCY). */
  env?: Record<string, string>;
  /** Keep the database after stop (for a look at it). */
  keepDatabase?: boolean;
  /** Write every process's log lines to this process's stdout, prefixed with its name. */
  echo?: boolean;
}

export interface Instance extends Proc {
  url: string;
}

export interface Cluster {
  /** The owner's URL (what the migration step runs as; tests read and arrange data with it). */
  databaseUrl: string;
  /** What web, workers and the model server run as: a login role holding only brandgate_runtime. */
  runtimeDatabaseUrl: string;
  databaseName: string;
  authSecret: string;
  modelBaseUrl: string;
  balancer: Balancer;
  webs: Instance[];
  workers: Proc[];
  stop: () => Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const webCount = options.webs ?? 2;
  const workerCount = options.workers ?? 2;
  const fullWeb = options.fullWeb ?? false;
  if (fullWeb && !fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("fullWeb needs `npm run build` first");

  const databaseName = `brandgate_cluster_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const runtimeRole = `${databaseName}_app`;
  const runtimePassword = randomBytes(18).toString("hex");
  const admin = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(options.serverUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  const procs: Proc[] = [];
  let balancer: Balancer | null = null;
  const stop = async () => {
    await balancer?.close();
    await Promise.all(procs.map((p) => stopProc(p, 10_000)));
    if (options.keepDatabase) return;
    const a = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${databaseName} with (force)`);
    await a.unsafe(`drop role if exists ${runtimeRole}`);
    await a.end();
  };

  try {
    const authSecret = randomBytes(32).toString("hex");
    const modelPort = await freePort();
    const modelBaseUrl = `http://127.0.0.1:${modelPort}/v1`;
    // Every process gets the same configuration, as one ConfigMap and Secret give every pod.
    const base: NodeJS.ProcessEnv = {
      ...processEnv(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      MODEL_SERVER_PORT: String(modelPort),
      MODEL_BASE_URL: modelBaseUrl,
      HOST: "127.0.0.1",
      TRUST_PROXY: "true",
      LOG_LEVEL: "info",
      DB_POOL_MAX: "5",
      ...options.env,
    };

    // The migration Job: runs to completion before any web or worker starts.
    await runEntry("migrate", "scripts/migrate.ts", base, options.echo);
    // The runtime's login role, as an operator creates it once (README, "Database roles").
    const owner = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await owner.unsafe(
      `create role ${runtimeRole} login password '${runtimePassword}' in role brandgate_runtime`,
    );
    await owner.end();
    const runtime = new URL(databaseUrl);
    runtime.username = runtimeRole;
    runtime.password = runtimePassword;
    const runtimeDatabaseUrl = runtime.toString();
    base.DATABASE_URL = runtimeDatabaseUrl;

    const model = spawnEntry("model", "server/model-server.ts", base, options.echo);
    procs.push(model);
    const webs: Instance[] = [];
    for (let i = 0; i < webCount; i++) {
      const port = await freePort();
      const entry = fullWeb ? "server/index.ts" : "scripts/cluster/api-web.ts";
      const env = { ...base, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` };
      const web = {
        ...spawnEntry(`web-${i + 1}`, entry, env, options.echo),
        url: `http://127.0.0.1:${port}`,
      };
      webs.push(web);
      procs.push(web);
    }
    const workers: Proc[] = [];
    for (let i = 0; i < workerCount; i++) {
      const worker = spawnEntry(`worker-${i + 1}`, "workers/index.ts", base, options.echo);
      workers.push(worker);
      procs.push(worker);
    }
    await Promise.all(procs.map((p) => p.ready));
    balancer = await startBalancer({ upstreams: webs.map((w) => w.url) });
    return {
      databaseUrl,
      runtimeDatabaseUrl,
      databaseName,
      authSecret,
      modelBaseUrl,
      balancer,
      webs,
      workers,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
