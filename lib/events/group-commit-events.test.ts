/** Group commit on the real database: one transaction for concurrent callers, durable before ack. */
import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { events } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand } from "@/test/factories";
import { flushEvents, writeEvents, type EventRow } from "./group-commit-events";

let brandId: string;
beforeAll(async () => {
  brandId = (await createBrand()).id;
});

const row = (externalId: string | null, over: Partial<EventRow> = {}): EventRow => ({
  brandId,
  kind: "click",
  unitKey: "u",
  externalId,
  occurredAt: new Date(),
  ...over,
});

const rowsLike = (prefix: string) =>
  db()
    .select()
    .from(events)
    .where(like(events.externalId, `${prefix}%`));

describe("writeEvents", () => {
  it("writes concurrent callers' rows in one transaction and resolves each after commit", async () => {
    const prefix = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writeEvents([row(`${prefix}-${i}`), row(null)])),
    );
    expect(results.every((r) => r.inserted === 2 && r.duplicates === 0)).toBe(true);
    // Rows are visible as soon as their promise resolves: acknowledged means committed.
    const stored = await rowsLike(prefix);
    expect(stored).toHaveLength(50);
    // received_at defaults to now(), the transaction's start: one value per transaction.
    expect(new Set(stored.map((r) => r.receivedAt.getTime())).size).toBeLessThanOrEqual(2);
  });

  it("gives a client id claimed by two concurrent callers to one of them", async () => {
    const id = `${randomUUID()}-dup`;
    const [a, b] = await Promise.all([writeEvents([row(id)]), writeEvents([row(id)])]);
    expect(a!.inserted + b!.inserted).toBe(1);
    expect(a!.duplicates + b!.duplicates).toBe(1);
    expect(await db().select().from(events).where(eq(events.externalId, id))).toHaveLength(1);
  });

  it("fails only the caller whose rows cannot be stored", async () => {
    const prefix = randomUUID();
    const good = writeEvents([row(`${prefix}-good`)]);
    const bad = writeEvents([row(`${prefix}-bad`, { brandId: randomUUID() })]);
    await expect(good).resolves.toEqual({ inserted: 1, duplicates: 0 });
    await expect(bad).rejects.toThrow();
    expect((await rowsLike(prefix)).map((r) => r.externalId)).toEqual([`${prefix}-good`]);
  });

  it("writes a lone caller's rows at once, without waiting for a timer", async () => {
    // With setTimeout frozen, a write that waited for a batching window would never settle.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const prefix = randomUUID();
      await expect(writeEvents([row(`${prefix}-1`)])).resolves.toEqual({ inserted: 1, duplicates: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("flushEvents writes what is pending before returning (shutdown)", async () => {
    const prefix = randomUUID();
    const pending = writeEvents([row(`${prefix}-1`)]);
    await flushEvents();
    expect(await rowsLike(prefix)).toHaveLength(1);
    await pending;
  });
});
