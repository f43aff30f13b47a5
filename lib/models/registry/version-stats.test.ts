import { expect, it } from "vitest";
import { generationAttempts } from "@/db/schema";
import { db } from "@/lib/db";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { versionStats } from "./version-stats";

it("summarises each version's calls, errors and latency, refused and abandoned calls apart; refused to a marketer", async () => {
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
      { ...base, attempt: 1, latencyMs: 70, outcome: "timeout" as const, errorClass: "timeout" },
      { ...base, attempt: 2, latencyMs: 0, outcome: "breaker_open" as const },
      { ...base, attempt: 1, latencyMs: 900, outcome: "aborted" as const, errorClass: "aborted" },
    ] as never);
  const stats = await versionStats(admin, brand.id);
  const stable = stats.find((s) => s.versionId === stableVersionId)!;
  // 2 errors (an http error, a timeout) in 4 calls; the refused and the abandoned one are no calls.
  expect(stable).toMatchObject({ calls: 4, errors: 2, refused: 1, abandoned: 1 });
  expect(Number(stable.p50)).toBe(40);
  expect(stats.find((s) => s.versionId !== stableVersionId)).toMatchObject({
    calls: 0,
    errors: 0,
    p50: null,
  });
  await expect(versionStats(marketer, brand.id)).rejects.toMatchObject({ status: 403 });
});
