/** Bad environment values stop start-up with a message naming the variable. */
import { describe, expect, it } from "vitest";
import { spawnEntry } from "@/test/spawn";

describe("start-up with a bad environment", () => {
  it.each([
    ["server/index.ts", "PORT", { PORT: "not-a-port" }],
    ["workers/index.ts", "WORKER_CONCURRENCY", { WORKER_CONCURRENCY: "0" }],
    ["scripts/start.ts", "DATABASE_URL", { DATABASE_URL: "mysql://localhost/brandgate" }],
    ["scripts/migrate.ts", "AUTH_SECRET", { AUTH_SECRET: "too-short" }],
  ])(
    "%s stops and names %s",
    async (entry, variable, env) => {
      const proc = spawnEntry(entry, env);
      const exit = await proc.exited;
      expect(exit.code).toBe(1);
      expect(proc.output()).toContain(variable);
      expect(proc.output()).toContain("Invalid environment");
    },
    30_000,
  );
});
