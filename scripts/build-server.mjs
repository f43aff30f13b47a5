/**
 * Bundles the processes `npm start` and the production image run — the launcher, the web
 * server, the workers, the model server and the database scripts — into plain JavaScript in
 * dist-server/, so that no TypeScript loader runs in production (DESIGN.md). Only our own
 * code is bundled (the `@/` alias resolved from tsconfig.json); every package in
 * node_modules stays an import, loaded by Node as usual. Next.js's UI comes from .next.
 *
 *   node scripts/build-server.mjs             build
 *   node scripts/build-server.mjs --if-stale  build only when a bundled source changed
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUT_DIR = "dist-server";

/** Bundle name → source. The launcher spawns web, workers and model-server by these names. */
export const ENTRIES = {
  start: "scripts/start.ts",
  web: "server/index.ts",
  workers: "workers/index.ts",
  "model-server": "server/model-server.ts",
  migrate: "scripts/migrate.ts",
  "audit-verify": "scripts/audit-verify.ts",
};

/** Files that change every bundle without being one of its inputs. */
const ALWAYS = ["scripts/build-server.mjs", "tsconfig.json", "package-lock.json"];
const META = "inputs.json";

/**
 * A bundled file runs from dist-server/, not from where its source lies: each source's
 * `import.meta.url`, `.filename` and `.dirname` are rewritten to its source location, so
 * paths relative to it (db/migrations beside db/migrate.ts, the project root from
 * server/index.ts) resolve as they do when the TypeScript runs directly.
 */
const sourceLocation = (outdir) => ({
  name: "source-location",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async ({ path: file }) => {
      let code = await fs.promises.readFile(file, "utf8");
      const loader = file.endsWith(".tsx") ? "tsx" : "ts";
      if (!code.includes("import.meta.")) return { contents: code, loader };
      const relative = path.relative(outdir, file).split(path.sep).join("/");
      code = code
        .replaceAll("import.meta.url", "__sourceUrl")
        .replaceAll("import.meta.filename", "__sourceFileURLToPath(__sourceUrl)")
        .replaceAll(
          "import.meta.dirname",
          '__sourceFileURLToPath(new URL(".", __sourceUrl)).replace(/\\/$/, "")',
        );
      const header =
        `import { fileURLToPath as __sourceFileURLToPath } from "node:url";\n` +
        `const __sourceUrl = new URL(${JSON.stringify(relative)}, import.meta.url).href;\n`;
      return { contents: header + code, loader };
    });
  },
});

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** True when there is no bundle, or one of its inputs (as esbuild recorded them) is newer. */
export function bundleIsStale(root = ROOT) {
  const outdir = path.join(root, OUT_DIR);
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(outdir, META), "utf8"));
  } catch {
    return true;
  }
  const names = Object.keys(ENTRIES);
  if (JSON.stringify(meta.entries) !== JSON.stringify(names)) return true;
  if (names.some((name) => !fs.existsSync(path.join(outdir, `${name}.mjs`)))) return true;
  return [...meta.inputs, ...ALWAYS].some((file) => mtime(path.join(root, file)) > meta.builtAt);
}

/**
 * Builds every entry into dist-server/<name>.mjs (or `outDir`, a folder directly under the
 * root, for tests) and records the inputs for bundleIsStale.
 */
export async function buildServer(root = ROOT, outDir = OUT_DIR) {
  const { build, stop } = await import("esbuild");
  const outdir = path.join(root, outDir);
  const builtAt = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, source])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // No shared chunks: every bundle is one file directly in dist-server/, which the
    // source-location rewrite below relies on.
    splitting: false,
    format: "esm",
    platform: "node",
    target: "node22.12",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { __BRANDGATE_BUNDLE__: "true" },
    // Readable stack traces without source maps: names and layout are kept.
    minify: false,
    keepNames: true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    plugins: [sourceLocation(outdir)],
  });
  // esbuild's service process would otherwise live as long as the launcher that bundled.
  await stop();
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  fs.writeFileSync(
    path.join(outdir, META),
    JSON.stringify({ builtAt, entries: Object.keys(ENTRIES), inputs }, null, 1) + "\n",
  );
  return { inputs: inputs.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !bundleIsStale()) {
    console.log(`${OUT_DIR}/ is up to date`);
  } else {
    const started = performance.now();
    const { inputs } = await buildServer();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`bundled ${inputs} sources into ${OUT_DIR}/ in ${seconds} s`);
  }
}
