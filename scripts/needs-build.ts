import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "db/schema",
  "proxy.ts",
  "instrumentation-client.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
];

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // Directory mtimes move when a test file is added; only files count.
  let max = 0;
  for (const entry of fs.readdirSync(p)) {
    // Tests do not go into the build.
    if (!entry.endsWith(".test.ts")) max = Math.max(max, newest(path.join(p, entry)));
  }
  return max;
}

/** A build is needed when there is none, or a UI source is newer than it. */
export function needsBuild(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newest(path.join(root, s)) > built);
}
