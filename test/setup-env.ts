import { inject } from "vitest";

// Test processes reach the run's database; everything else reads it through lib/env.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.LOG_LEVEL ??= "silent";
