import { expect, it } from "vitest";
import { generationAttempts } from "@/db/schema";
import { db } from "@/lib/db";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { versionStats } from "./version-stats";

it("summarises each version's calls, errors and latency; refused to a marketer", async () => {
  const brand = await createBrand();
  const admin = (await (await signedIn((await createUser(brand.id, "admin")).id)).session())!;
  const marketer = (await (await signedIn((await createUser(brand.id, "marketer")).id)).session())!;
  const { stableVersionId } = await seedDemoModels(db(), brand.id);
  const base = {
    versionId: stableVersionId!,
    requestId: "r",
    servedAs: "primary" as const,
    startedAt: new Date(),
  };
  await db()
    .insert(generationAttempts)
    .values([
      { ...base, attempt: 1, latencyMs: 10, outcome: "ok" as const },
      { ...base, attempt: 1, latencyMs: 30, outcome: "ok" as const },
      { ...base, attempt: 1, latencyMs: 50, outcome: "error" as const, errorClass: "http_5xx" },
      { ...base, attempt: 2, latencyMs: 0, outcome: "breaker_open" as const },
    ] as never);
  const stats = await versionStats(admin, brand.id);
  const stable = stats.find((s) => s.versionId === stableVersionId)!;
  expect(stable).toMatchObject({ attempts: 4, errors: 2 });
  expect(Number(stable.p50)).toBe(30);
  expect(stats.find((s) => s.versionId !== stableVersionId)).toMatchObject({
    attempts: 0,
    errors: 0,
    p50: null,
  });
  await expect(versionStats(marketer, brand.id)).rejects.toMatchObject({ status: 403 });
});
