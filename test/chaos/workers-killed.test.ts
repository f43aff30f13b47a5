/**
 * Issue 10, item 1. Generation jobs against the built-in model while one of three worker
 * processes is SIGKILLed every 2 s for a minute (and replaced), with webhook events going out
 * through the same workers. Afterwards nothing is lost and no effect is doubled: one content
 * item per succeeded generation, one delivery row per event, each delivered. Extra attempts
 * are fine (a receiver dedupes on `webhook-id`); extra effects are not.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createGeneration } from "@/lib/generation/create-generation";
import { JOBS } from "@/lib/jobs/contracts";
import { stopSender } from "@/lib/jobs/send-job";
import { createWebhookSubscription } from "@/lib/webhooks/create-webhook-subscription";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { waitFor } from "@/test/spawn";
import { startReceiver } from "@/test/webhook-receiver";
import { createReadyBrand, jobStates, seconds, startBuiltinModel, workerFleet } from "./support/world";

const JOB_COUNT = Number(process.env.CHAOS_JOBS ?? 2000);
const KILL_WINDOW_MS = Number(process.env.CHAOS_KILL_SECONDS ?? 60) * 1000;
const KILL_EVERY_MS = 2000;
const EVENT_COUNT = Math.round(JOB_COUNT / 4);
const DRAIN_LIMIT_MS = 60_000;

const model = await startBuiltinModel();
const receiver = await startReceiver(() => 200);
const fleet = workerFleet({
  MODEL_BASE_URL: model.baseUrl,
  WORKER_CONCURRENCY: "4",
  WEBHOOK_POLL_INTERVAL_MS: "250",
  // A kill mid-POST leases the delivery for the timeout + 30 s: keep that inside the drain budget.
  WEBHOOK_TIMEOUT_MS: "2000",
});
afterAll(async () => {
  await fleet.killAll();
  await stopSender();
  await receiver.close();
  await model.close();
});

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe("workers killed mid-job", () => {
  it("loses nothing and doubles nothing", async () => {
    process.env.MODEL_BASE_URL = model.baseUrl;
    resetEnvCache();
    const brand = await createReadyBrand();
    await createWebhookSubscription(brand.admin, {
      brandId: brand.brandId,
      url: receiver.url,
      eventTypes: ["content.retired"],
    });

    const workers = [fleet.start(), fleet.start(), fleet.start()];
    await Promise.all(workers.map((w) => w.ready));

    // Work arrives across the first 80% of the kill window, so kills land on running jobs.
    const started = Date.now();
    const feedMs = KILL_WINDOW_MS * 0.8;
    const producing = (async () => {
      const batches = 40;
      for (let b = 0; b < batches; b++) {
        const from = Math.floor((JOB_COUNT * b) / batches);
        const to = Math.floor((JOB_COUNT * (b + 1)) / batches);
        await pool(
          Array.from({ length: to - from }, (_, i) => from + i),
          4,
          (n) =>
            createGeneration(brand.admin, {
              brandId: brand.brandId,
              templateVersionId: brand.templateVersionId,
              brief: { summary: `Rain jacket launch, brief ${n}` },
            }),
        );
        const eFrom = Math.floor((EVENT_COUNT * b) / batches);
        const eTo = Math.floor((EVENT_COUNT * (b + 1)) / batches);
        for (let e = eFrom; e < eTo; e++)
          await db().transaction((tx) =>
            emitWebhookEvent(tx, { brandId: brand.brandId, type: "content.retired", data: { n: e } }),
          );
        const due = started + ((b + 1) * feedMs) / batches;
        if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
    })();

    // Every 2 s the longest-running worker that is ready (has taken work) is SIGKILLed and
    // replaced. A worker takes seconds to boot (module load); a tick that finds none ready is
    // skipped rather than spent on a process that holds no jobs, and counted.
    const ready = new Set<number>();
    const boot = () => {
      const w = fleet.start();
      w.ready.then(() => ready.add(w.child.pid!)).catch(() => {});
      return w;
    };
    let kills = 0;
    let skipped = 0;
    let lastKillAt = Date.now();
    for (const w of workers) ready.add(w.child.pid!);
    while (Date.now() - started < KILL_WINDOW_MS) {
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
      const slot = workers.findIndex((w) => ready.has(w.child.pid!));
      if (slot < 0) {
        skipped++;
        continue;
      }
      const victim = workers[slot]!;
      victim.child.kill("SIGKILL");
      await victim.exited;
      ready.delete(victim.child.pid!);
      lastKillAt = Date.now();
      kills++;
      workers.splice(slot, 1);
      workers.push(boot());
    }
    await producing;
    const producedAt = Date.now();

    const unsettled = async () => {
      const [gens] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(generations)
        .where(
          and(eq(generations.brandId, brand.brandId), sql`${generations.status} in ('queued', 'running')`),
        );
      // This brand's deliveries only: other tests in the run leave theirs pending on purpose.
      const [pending] = await db().execute<{ n: number }>(
        sql`select count(*)::int as n from webhook_deliveries d join webhook_events e on e.id = d.event_id
            where d.status = 'pending' and e.brand_id = ${brand.brandId}`,
      );
      return gens!.n + pending!.n;
    };
    const openAtLastKill = await unsettled();
    // A drain that times out still prints the figures below (what was left, and where), then fails.
    const drained = await waitFor(
      async () => (await unsettled()) === 0,
      DRAIN_LIMIT_MS + 30_000,
      "the drain",
    ).then(
      () => null,
      (err: unknown) => err,
    );
    const drainMs = Date.now() - lastKillAt;

    const byStatus = Object.fromEntries(
      (
        await db()
          .select({ status: generations.status, n: sql<number>`count(*)::int` })
          .from(generations)
          .where(eq(generations.brandId, brand.brandId))
          .groupBy(generations.status)
      ).map((r) => [r.status, r.n]),
    ) as Record<string, number>;
    const [effects] = await db().execute<{
      items: number;
      revisions: number;
      doubled_revisions: number;
      linked: number;
    }>(sql`
      select
        (select count(*)::int from content_items where brand_id = ${brand.brandId}) as items,
        (select count(*)::int from content_revisions r join content_items i on i.id = r.content_item_id
           where i.brand_id = ${brand.brandId} and r.generation_id is not null) as revisions,
        (select count(*)::int from (select generation_id from content_revisions
           where generation_id is not null group by generation_id having count(*) > 1) d) as doubled_revisions,
        (select count(*)::int from generations where brand_id = ${brand.brandId}
           and status = 'succeeded' and content_item_id is not null) as linked`);
    const [hooks] = await db().execute<{ events: number; deliveries: number; delivered: number }>(sql`
      select
        (select count(*)::int from webhook_events where brand_id = ${brand.brandId}) as events,
        (select count(*)::int from webhook_deliveries d join webhook_events e on e.id = d.event_id
           where e.brand_id = ${brand.brandId}) as deliveries,
        (select count(*)::int from webhook_deliveries d join webhook_events e on e.id = d.event_id
           where e.brand_id = ${brand.brandId} and d.status = 'delivered') as delivered`);
    const resent = [...receiver.accepted.values()].filter((n) => n > 1).length;
    const jobs = await jobStates(JOBS.runGeneration.name);
    const [retryRow] = await db().execute<{ retries: number }>(
      sql`select coalesce(sum(retry_count), 0)::int as retries from pgboss.job where name = ${JOBS.runGeneration.name}`,
    );

    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const lost =
      JOB_COUNT - total + (byStatus.queued ?? 0) + (byStatus.running ?? 0) + (byStatus.failed ?? 0);
    const duplicates =
      effects!.doubled_revisions +
      (effects!.items - (byStatus.succeeded ?? 0)) +
      (hooks!.deliveries - hooks!.events);
    console.log(
      `[chaos] workers-killed: jobs=${JOB_COUNT} kills=${kills} (ticks skipped, none ready: ${skipped}) over ${seconds(KILL_WINDOW_MS)}s ` +
        `feed=${seconds(producedAt - started)}s outcomes=${JSON.stringify(byStatus)} lost=${lost} ` +
        `duplicates=${duplicates} (content items=${effects!.items}, doubled revisions=${effects!.doubled_revisions}, ` +
        `delivery rows=${hooks!.deliveries}/${hooks!.events} events, delivered=${hooks!.delivered}) ` +
        `extra attempts: job retries=${retryRow?.retries}, webhook re-sends=${resent} ` +
        `drain=${seconds(drainMs)}s after last kill (open then: ${openAtLastKill}), pg-boss states=${JSON.stringify(jobs)}`,
    );
    if (drained) throw drained;

    expect(total).toBe(JOB_COUNT);
    expect(lost).toBe(0);
    expect(effects!.doubled_revisions).toBe(0);
    expect(effects!.items).toBe(byStatus.succeeded ?? 0);
    expect(effects!.linked).toBe(byStatus.succeeded ?? 0);
    expect(hooks).toEqual({ events: EVENT_COUNT, deliveries: EVENT_COUNT, delivered: EVENT_COUNT });
    expect(receiver.accepted.size).toBe(EVENT_COUNT);
    expect(drainMs).toBeLessThanOrEqual(DRAIN_LIMIT_MS);
  });
});
