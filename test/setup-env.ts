import { inject } from "vitest";

// Test processes reach the run's database; everything else reads it through lib/env.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.LOG_LEVEL ??= "silent";
// Workers spawned by any test run dispatchers that may claim any test's webhook deliveries:
// all of them reach the tests' receivers on 127.0.0.1 and retry on the tests' short clock.
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ??= "1";
process.env.WEBHOOK_RETRY_BASE_MS ??= "200";
// Tests' model versions point at upstreams on 127.0.0.1; test/chaos/ssrf.test.ts turns this off.
process.env.MODEL_ALLOW_PRIVATE_BASE_URLS ??= "1";
