import { globSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { databaseTestFiles } from "./test/database-test-files";

const root = import.meta.dirname;
// test/cluster and test/chaos run on their own (`npm run test:cluster`, `npm run test:chaos`):
// real PostgreSQL, several processes, minutes long.
const exclude = [
  "node_modules/**",
  ".next/**",
  "e2e/**",
  ".data/**",
  ".stryker-tmp*/**",
  "test/cluster/**",
  "test/chaos/**",
];

/**
 * `npm run test:db` runs only the files that touch a database (test/database-test-files.ts):
 * CI runs everything on the embedded database, then these on PostgreSQL.
 */
function include(): string[] {
  // TEST_INCLUDE narrows a run to some globs (comma-separated), e.g. a mutation run over one folder.
  if (process.env.TEST_INCLUDE) return process.env.TEST_INCLUDE.split(",");
  if (process.env.TEST_DATABASE_ONLY !== "1") return ["**/*.test.ts"];
  const all = globSync("**/*.test.ts", {
    cwd: root,
    exclude: (name) =>
      path.matchesGlob(name, "{node_modules,.next,e2e,.data,.stryker-tmp*,test/cluster,test/chaos}/**") ||
      name === "node_modules",
  });
  return databaseTestFiles(root, all);
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(root) } },
  test: {
    include: include(),
    exclude,
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    // TEST_TIMEOUT_MS lengthens it for a mutation run on a loaded machine (the audit CLI test spawns processes).
    testTimeout: Number(process.env.TEST_TIMEOUT_MS ?? 30_000),
    hookTimeout: 60_000,
    pool: "forks",
  },
});
