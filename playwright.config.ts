import { defineConfig } from "@playwright/test";

// E2E_PORT lets several checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const MODEL_PORT = Number(process.env.E2E_MODEL_PORT ?? PORT + 8336);

/**
 * Drives the real product (`npm start`: custom server, workers, model server, embedded
 * database) in Debian's Chromium. Each run starts from an empty data directory.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Budgets for a shared 2-core machine running the whole product (web, workers, model
  // server, embedded database) beside the browser; assertions stay as strict as before.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "rm -rf .data/e2e && node scripts/run.mjs start",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      DATA_DIR: ".data/e2e",
      PORT: String(PORT),
      MODEL_SERVER_PORT: String(MODEL_PORT),
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
