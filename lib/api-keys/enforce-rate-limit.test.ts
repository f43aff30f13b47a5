/** The leased rate limit on the real database: never over the limit, under it by a known bound. */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeyCounters } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";
import type { Session } from "@/lib/auth/types";
import { authenticateKey, type KeyPrincipal } from "./authenticate-key";
import { createApiKey } from "./create-api-key";
import { createRateLimiter, rateBlockSize } from "./enforce-rate-limit";

let admin: Session;
let brandId: string;
beforeAll(async () => {
  brandId = (await createBrand()).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
});

async function principalWithLimit(rateLimitPerMinute: number): Promise<KeyPrincipal> {
  const { plaintext } = await createApiKey(admin, {
    brandId,
    name: "rate",
    scopes: ["checks"],
    rateLimitPerMinute,
  });
  return (await authenticateKey(plaintext))!;
}

/** Runs `n` requests spread over the instances, `concurrency` at a time; counts the admitted. */
async function burst(instances: ReturnType<typeof createRateLimiter>[], p: KeyPrincipal, n: number) {
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

const claimed = async (p: KeyPrincipal) =>
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
