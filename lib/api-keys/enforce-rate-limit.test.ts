/** The leased rate limit and quota on the real database: never over the limit, under it by a known bound. */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";
import type { UserPrincipal } from "@/lib/auth/principal";
import { authenticateKey } from "./authenticate-key";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { createApiKey } from "./create-api-key";
import { createGenerationQuota, type GenerationQuota } from "./consume-generation-quota";
import { createRateLimiter, rateBlockSize } from "./enforce-rate-limit";

let admin: UserPrincipal;
let brandId: string;
beforeAll(async () => {
  brandId = (await createBrand()).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
});

async function principalWithLimit(rateLimitPerMinute: number): Promise<ApiKeyPrincipal> {
  const { plaintext } = await createApiKey(admin, {
    brandId,
    name: "rate",
    scopes: ["checks"],
    rateLimitPerMinute,
  });
  return (await authenticateKey(plaintext))!;
}

/** Runs `n` requests spread over the instances, `concurrency` at a time; counts the admitted. */
async function burst(instances: ReturnType<typeof createRateLimiter>[], p: ApiKeyPrincipal, n: number) {
  let admitted = 0;
  let refused = 0;
  for (let i = 0; i < n; i += 25) {
    const wave = Array.from({ length: Math.min(25, n - i) }, (_, j) =>
      instances[(i + j) % instances.length]!(p).then(
        () => admitted++,
        (err: { code?: string }) => {
          expect(err.code).toBe("rate_limited");
          refused++;
        },
      ),
    );
    await Promise.all(wave);
  }
  return { admitted, refused };
}

async function awayFromMinuteBoundary() {
  const [row] = await db().execute<{ s: number }>(sql`select extract(second from now())::float8 as s`);
  const s = Number(row!.s);
  if (s > 50) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

const claimed = async (p: ApiKeyPrincipal) =>
  (
    await db()
      .select({ count: apiKeyCounters.count })
      .from(apiKeyCounters)
      .where(and(eq(apiKeyCounters.lineageId, p.lineageId), eq(apiKeyCounters.bucket, "rate")))
  ).reduce((sum, r) => sum + r.count, 0);

describe("leased rate limit", () => {
  it("sizes blocks at limit/50, between 1 and 100", () => {
    expect([1, 49, 100, 600, 5_000, 100_000].map(rateBlockSize)).toEqual([1, 1, 2, 12, 100, 100]);
  });

  it("never admits more than the limit across three instances, and under-admits by less than a block each", async () => {
    await awayFromMinuteBoundary();
    const p = await principalWithLimit(1_000); // blocks of 20
    const instances = [createRateLimiter(), createRateLimiter(), createRateLimiter()];
    const { admitted, refused } = await burst(instances, p, 1_200);
    expect(admitted).toBeLessThanOrEqual(1_000);
    expect(admitted).toBeGreaterThanOrEqual(1_000 - 3 * (rateBlockSize(1_000) - 1));
    expect(admitted + refused).toBe(1_200);
    // One write per block, not per request.
    expect(await claimed(p)).toBeLessThanOrEqual(1_000 + 3 * rateBlockSize(1_000) * 2);
  });

  it("counts exactly for small limits, and refuses locally once the window is spent", async () => {
    await awayFromMinuteBoundary();
    const p = await principalWithLimit(30);
    const a = createRateLimiter();
    const b = createRateLimiter();
    expect(await burst([a, b], p, 50)).toEqual({ admitted: 30, refused: 20 });
    const before = await claimed(p);
    await expect(a(p)).rejects.toMatchObject({ code: "rate_limited", retryAfter: expect.any(Number) });
    await expect(b(p)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await claimed(p)).toBe(before);
  });
});

describe("leased generation quota", () => {
  async function principalWithQuota(monthlyGenerationQuota: number): Promise<ApiKeyPrincipal> {
    const { plaintext } = await createApiKey(admin, {
      brandId,
      name: "quota",
      scopes: ["generate"],
      monthlyGenerationQuota,
    });
    return (await authenticateKey(plaintext))!;
  }
  const used = async (p: ApiKeyPrincipal) =>
    (
      await db()
        .select({ count: apiKeyCounters.count })
        .from(apiKeyCounters)
        .where(and(eq(apiKeyCounters.lineageId, p.lineageId), eq(apiKeyCounters.bucket, "generations")))
    )[0]?.count ?? 0;
  const takeAll = (quotas: GenerationQuota[], p: ApiKeyPrincipal, n: number) =>
    Promise.allSettled(Array.from({ length: n }, (_, i) => quotas[i % quotas.length]!.consume(p)));

  it("never hands out more than the quota across three instances, and counts never pass it", async () => {
    const p = await principalWithQuota(5_000); // blocks of 100
    const quotas = [createGenerationQuota(), createGenerationQuota(), createGenerationQuota()];
    const taken = (await takeAll(quotas, p, 5_400)).filter((r) => r.status === "fulfilled").length;
    expect(taken).toBeLessThanOrEqual(5_000);
    expect(taken).toBeGreaterThanOrEqual(5_000 - 3 * (rateBlockSize(5_000) - 1));
    expect(await used(p)).toBe(5_000);
  });

  it("is exact for small quotas: a generation given back on one instance is served by another", async () => {
    const p = await principalWithQuota(5);
    const [a, b] = [createGenerationQuota(), createGenerationQuota()];
    const first = await takeAll([a!, b!], p, 12);
    expect(first.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refusal = first.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({
      code: "rate_limited",
      details: { reason: "monthly_generation_quota" },
    });
    // Instance a gives one back; b (which saw the month spent) gets it, then nobody does.
    await (first[0] as PromiseFulfilledResult<() => Promise<void>>).value();
    await expect(b!.consume(p)).resolves.toBeTypeOf("function");
    await expect(a!.consume(p)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await used(p)).toBe(5);
  });

  it("gives unspent leases back when an instance stops", async () => {
    const p = await principalWithQuota(1_000); // blocks of 20
    const a = createGenerationQuota();
    await a.consume(p);
    expect(await used(p)).toBe(rateBlockSize(1_000));
    await a.release();
    expect(await used(p)).toBe(1);
  });
});
