import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:chaos`: workers killed, poison jobs, graceful stop, a database outage and model
 * faults, against a real PostgreSQL (the embedded PGlite serves one process). One file at a
 * time: each one starts its own worker processes and would starve the others of the 2 cores.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/chaos/**/*.test.ts"],
    globalSetup: ["test/chaos/support/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
