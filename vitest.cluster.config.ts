import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:cluster`: the scale-out test against a real PostgreSQL (DATABASE_URL names the
 * server; a database of the run's own is created there). Kept out of `npm test`: it starts a
 * dozen processes.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/cluster/**/*.test.ts"],
    setupFiles: ["test/cluster/setup-env.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
