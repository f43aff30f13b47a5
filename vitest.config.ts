import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    // test/cluster and test/chaos run on their own (`npm run test:cluster`, `npm run test:chaos`):
    // real PostgreSQL, several processes, minutes long.
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**", "test/cluster/**", "test/chaos/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
