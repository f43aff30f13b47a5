/** Outcome counts for the Thompson choice: right, shared while fresh, re-read once stale. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand } from "@/test/factories";
import { countVariantOutcomes, OUTCOME_COUNTS_TTL_MS } from "./count-variant-outcomes";

async function record(brandId: string, contentId: string, kind: "exposure" | "click" | "conversion") {
  await db()
    .insert(events)
    .values({ brandId, kind, unitKey: `u-${randomUUID()}`, contentId, occurredAt: new Date() });
}

describe("countVariantOutcomes", () => {
  it("counts exposures and clicks per variant, then serves that count until it is stale", async () => {
    const brandId = (await createBrand()).id;
    const [a, b, other] = [randomUUID(), randomUUID(), randomUUID()];
    await record(brandId, a, "exposure");
    await record(brandId, a, "exposure");
    await record(brandId, a, "click");
    await record(brandId, a, "conversion");
    await record(brandId, b, "exposure");
    await record(brandId, other, "exposure");
    const t0 = Date.now();

    const first = countVariantOutcomes(brandId, [a, b], t0);
    // Concurrent callers share the count in flight, whatever order they list the variants in.
    expect(countVariantOutcomes(brandId, [b, a], t0)).toBe(first);
    expect(Object.fromEntries(await first)).toEqual({
      [a]: { exposures: 2, clicks: 1 },
      [b]: { exposures: 1, clicks: 0 },
    });

    await record(brandId, b, "click");
    const fresh = await countVariantOutcomes(brandId, [a, b], t0 + OUTCOME_COUNTS_TTL_MS - 1);
    expect(fresh.get(b)).toEqual({ exposures: 1, clicks: 0 });
    const stale = await countVariantOutcomes(brandId, [a, b], t0 + OUTCOME_COUNTS_TTL_MS);
    expect(stale.get(b)).toEqual({ exposures: 1, clicks: 1 });
  });
});
