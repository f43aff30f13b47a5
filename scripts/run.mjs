/**
 * `node scripts/run.mjs <name>`: runs one bundled entry (see ENTRIES in build-server.mjs) in
 * this process, bundling first when dist-server/ is missing or older than its sources — as
 * the launcher builds .next when the UI changed. `npm start`, `npm run web`, `npm run workers`…
 * go through here, so a checkout never runs a stale bundle.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildServer, bundleIsStale, ENTRIES, OUT_DIR, ROOT } from "./build-server.mjs";

const name = process.argv[2] ?? "";
if (!Object.hasOwn(ENTRIES, name)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join("|")}>`);
  process.exit(2);
}
// The entry sees its own arguments, as if it had been started directly.
process.argv.splice(1, 2, path.join(ROOT, OUT_DIR, `${name}.mjs`));

if (bundleIsStale()) {
  const started = performance.now();
  const { inputs } = await buildServer();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[bundle] bundled ${inputs} sources into ${OUT_DIR}/ in ${seconds} s`);
}
await import(pathToFileURL(path.join(ROOT, OUT_DIR, `${name}.mjs`)).href);
