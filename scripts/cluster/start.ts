/**
 * `npm run cluster -- [--web N] [--workers M] [--full] [--keep]`: a scaled-out Brandgate on
 * this machine against the PostgreSQL server in DATABASE_URL (a fresh database is created
 * there and dropped on Ctrl-C, unless --keep). Prints the balancer's address.
 */
import { parseArgs } from "node:util";
import { EnvError, requireDatabaseUrl } from "@/lib/env";
import { startCluster } from "./cluster";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      web: { type: "string", default: "2" },
      workers: { type: "string", default: "2" },
      full: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const cluster = await startCluster({
    serverUrl: requireDatabaseUrl(),
    webs: Number(values.web),
    workers: Number(values.workers),
    fullWeb: values.full,
    keepDatabase: values.keep,
    echo: true,
  });
  console.log(`database ${cluster.databaseName}${values.keep ? " (kept on exit)" : " (dropped on exit)"}`);
  for (const web of cluster.webs) console.log(`${web.name} ${web.url}`);
  console.log(`${cluster.workers.length} worker(s); model server ${cluster.modelBaseUrl}`);
  console.log(`balancer ${cluster.balancer.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
