/**
 * Issue 10, item 4. A TCP proxy between Brandgate and PostgreSQL black-holes every connection
 * for 30 s while API clients keep posting events and asking for generations. Requests fail
 * fast (503 with Retry-After, never a hang); everything acknowledged is in the database
 * afterwards; within 15 s of the database coming back, requests succeed and queued work runs.
 */
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { events, generations } from "@/db/schema";
import { closeDb, db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";
import { waitFor } from "@/test/spawn";
import { startBlackholeProxy } from "./support/blackhole-proxy";
import { seconds } from "./support/world";

const BEFORE_MS = 8_000;
const OUTAGE_MS = 30_000;
const AFTER_MS = 20_000;
const CLIENTS = 6;
const RESUME_LIMIT_MS = 15_000;
/** Stall detection (1.5 s) + one probe (1 s), with slack for a loaded machine. */
const FAIL_FAST_LIMIT_MS = 5_000;

interface Outcome {
  kind: "event" | "generation";
  start: number;
  end: number;
  status: number;
  retryAfter: string | null;
  id: string;
}

const direct = new URL(process.env.DATABASE_URL!);
const proxy = await startBlackholeProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
const viaProxy = new URL(direct);
viaProxy.port = String(proxy.port);
process.env.DATABASE_URL = viaProxy.toString();
resetEnvCache();
await closeDb();

let fixture: ApiFixture | undefined;
afterAll(async () => {
  await fixture?.close();
  await closeDb();
  await proxy.close();
});

async function call(kind: Outcome["kind"], f: ApiFixture): Promise<Outcome> {
  const id = randomUUID();
  const start = Date.now();
  const body =
    kind === "event"
      ? {
          events: [
            {
              id,
              type: "impression",
              unit: `u-${id.slice(0, 8)}`,
              content_id: f.publishedContentId,
              occurred_at: new Date().toISOString(),
            },
          ],
        }
      : { templateVersionId: f.templateVersionId, brief: { summary: `Outage brief ${id}` } };
  try {
    const res = await fetch(`${f.baseUrl}/api/v1/${kind === "event" ? "events" : "generations"}`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.keys.all}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const json = (await res.json().catch(() => null)) as { id?: string } | null;
    return {
      kind,
      start,
      end: Date.now(),
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      id: kind === "event" ? id : (json?.id ?? ""),
    };
  } catch {
    return { kind, start, end: Date.now(), status: 0, retryAfter: null, id };
  }
}

describe("database outage", () => {
  it("fails fast with 503 + Retry-After, loses nothing accepted, resumes within 15 s", async () => {
    fixture = await startApiFixture({ jobs: true, jobConcurrency: 4 });
    const f = fixture;
    const outcomes: Outcome[] = [];
    const t0 = Date.now();
    const outageAt = t0 + BEFORE_MS;
    const healAt = outageAt + OUTAGE_MS;
    const endAt = healAt + AFTER_MS;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      let n = 0;
      while (Date.now() < endAt) {
        const out = await call(c === 0 && n % 3 === 0 ? "generation" : "event", f);
        outcomes.push(out);
        n++;
        // A 503 says when to come back; a polite client waits a little, not the full Retry-After,
        // so the test sees the first success after the heal.
        if (out.status !== 200 && out.status !== 202) await new Promise((r) => setTimeout(r, 250));
      }
    });
    await new Promise((r) => setTimeout(r, outageAt - Date.now()));
    proxy.blackhole();
    await new Promise((r) => setTimeout(r, healAt - Date.now()));
    proxy.heal();
    await Promise.all(clients);

    const ok = (o: Outcome) => o.status === 200 || o.status === 202;
    const during = outcomes.filter((o) => o.start >= outageAt && o.end <= healAt);
    const started = outcomes.filter((o) => o.start >= outageAt && o.start < healAt);
    const failed = started.filter((o) => !ok(o));
    const firstOkAfter = outcomes
      .filter((o) => ok(o) && o.end > healAt)
      .reduce((min, o) => Math.min(min, o.end), Infinity);
    const lastFailure = outcomes
      .filter((o) => !ok(o) && o.start >= healAt)
      .reduce((max, o) => Math.max(max, o.end), healAt);
    const failLatencies = failed.map((o) => o.end - o.start).sort((a, b) => a - b);
    const p = (q: number) =>
      failLatencies[Math.min(failLatencies.length - 1, Math.floor(q * failLatencies.length))] ?? 0;

    // Everything acknowledged is stored: events by their client id, generations by id, and
    // every accepted generation reaches a final state once the database is back.
    const ackedEvents = outcomes.filter((o) => o.kind === "event" && o.status === 200).map((o) => o.id);
    const storedEvents = ackedEvents.length
      ? (
          await db()
            .select({ id: events.externalId })
            .from(events)
            .where(inArray(events.externalId, ackedEvents))
        ).length
      : 0;
    const ackedGens = outcomes.filter((o) => o.kind === "generation" && ok(o)).map((o) => o.id);
    const settledAt = await waitFor(
      async () => {
        const [open] = await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(generations)
          .where(
            sql`${inArray(generations.id, ackedGens)} and ${generations.status} in ('queued', 'running')`,
          );
        return open!.n === 0 && Date.now();
      },
      120_000,
      "accepted generations to finish",
    );
    const storedGens = (
      await db().select({ id: generations.id }).from(generations).where(inArray(generations.id, ackedGens))
    ).length;

    console.log(
      `[chaos] db-outage: requests=${outcomes.length} (${CLIENTS} clients), outage ${seconds(OUTAGE_MS)}s, ` +
        `started during outage=${started.length} of which failed=${failed.length} ` +
        `(statuses ${JSON.stringify(Object.fromEntries([...new Set(failed.map((o) => o.status))].map((s) => [s, failed.filter((o) => o.status === s).length])))}, ` +
        `with Retry-After=${failed.filter((o) => o.retryAfter).length}), fail-fast latency p50=${p(0.5)}ms ` +
        `p99=${p(0.99)}ms max=${failLatencies.at(-1) ?? 0}ms, acknowledged events=${ackedEvents.length} stored=${storedEvents}, ` +
        `accepted generations=${ackedGens.length} stored=${storedGens}, first success ${seconds(firstOkAfter - healAt)}s ` +
        `after heal, last failure ${seconds(lastFailure - healAt)}s after heal, accepted generations settled ` +
        `${seconds(settledAt - healAt)}s after heal`,
    );

    expect(during.length).toBeGreaterThan(0);
    expect(failed.every((o) => o.status === 503 && o.retryAfter !== null)).toBe(true);
    expect(failLatencies.at(-1) ?? 0).toBeLessThanOrEqual(FAIL_FAST_LIMIT_MS);
    expect(storedEvents).toBe(ackedEvents.length);
    expect(storedGens).toBe(ackedGens.length);
    expect(firstOkAfter - healAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);
    expect(lastFailure - healAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);
    expect(outcomes.filter((o) => o.start > healAt + RESUME_LIMIT_MS).every(ok)).toBe(true);
  });
});
