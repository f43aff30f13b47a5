/**
 * Input drift end to end on the real database: windows of exposures, briefs and check results
 * are written directly, `detectDrift` (the job's lib function) compares them, and the banner's
 * query and the acknowledge action are driven as the app drives them.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditEntries,
  contentItems,
  contentRevisions,
  driftAlerts,
  driftChecks,
  events,
  generations,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from "@/db/schema";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { detectDrift } from "@/lib/drift/detect-drift";
import { listOpenDriftAlerts } from "@/lib/drift/list-open-drift-alerts";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";
import { createUser, signedIn } from "@/test/factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { acknowledgeDriftAlertAction } = await import("@/app/(app)/models/drift/actions");
const { describeAlert } = await import("@/app/(app)/models/drift/describe-alert");
const actAs = (token: string) => {
  jar.clear();
  jar.set(SESSION_COOKIE, token);
};

/** The current window is [2026-05-31T12:00Z, 2026-06-01T12:00Z); the reference the 7 days before. */
const AS_OF = new Date("2026-06-01T12:34:00Z");
const CURRENT = Date.parse("2026-05-31T12:00:00Z");
const HOUR = 3_600_000;
const inReference = (i: number) => new Date(CURRENT - HOUR * (1 + (i % 160)));
const inCurrent = (i: number) => new Date(CURRENT + HOUR * (i % 24) + 60_000);

type Fixture = Awaited<ReturnType<typeof reviewFixture>> & Awaited<ReturnType<typeof templateOf>>;

interface Shape {
  segments: string[];
  visits: (i: number) => number;
  briefWords: number;
  failEvery: number;
}
const BASE: Shape = {
  segments: ["new", "loyal", "new", "lapsed"],
  visits: (i) => i % 4,
  briefWords: 6,
  failEvery: 10,
};
const SHIFTED: Shape = {
  segments: ["bargain", "bargain", "premium", "new"],
  visits: (i) => 8 + (i % 12),
  briefWords: 45,
  failEvery: 2,
};

/** 300 exposures, 60 briefs and 60 checked revisions in one window, drawn from `shape`. */
async function writeWindow(f: Fixture, at: (i: number) => Date, shape: Shape) {
  await db()
    .insert(events)
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        brandId: f.brandId,
        kind: "exposure" as const,
        unitKey: `u-${randomUUID()}`,
        audience: {
          segment: shape.segments[i % shape.segments.length]!,
          locale: "en-GB",
          device: i % 3 === 0 ? "desktop" : "mobile",
          channel: "email",
          daysSinceLastVisit: i % 5 === 0 ? null : i % 9,
          visits30d: shape.visits(i),
        },
        occurredAt: at(i),
      })),
    );
  const [item] = await db()
    .insert(contentItems)
    .values({ brandId: f.brandId, templateId: f.templateId, channel: "social", title: "Drift" })
    .returning();
  for (let i = 0; i < 60; i++) {
    const summary = Array.from({ length: shape.briefWords + (i % 3) }, (_, w) => `word${w}`).join(" ");
    await db()
      .insert(generations)
      .values({
        brandId: f.brandId,
        templateVersionId: f.templateVersionId,
        brief: { summary, slots: {} },
        createdAt: at(i),
      });
  }
  await db()
    .insert(contentRevisions)
    .values(
      Array.from({ length: 60 }, (_, i) => ({
        contentItemId: item!.id,
        number: i + 1,
        slots: { post: "Hello" },
        rendered: { text: "Hello" },
        kitVersionId: f.kitVersionId,
        templateVersionId: f.templateVersionId,
        checkResults: {
          post: {
            score: 100,
            blocked: false,
            results: [
              {
                checkId: "banned-terms",
                verdict: i % shape.failEvery === 0 ? ("fail" as const) : ("pass" as const),
                explanation: "",
                spans: [],
              },
              { checkId: "readability", verdict: "pass" as const, explanation: "", spans: [] },
            ],
          },
        },
        score: 100,
        blocked: false,
        legalReview: false,
        contentHash: randomUUID(),
        createdAt: at(i),
      })),
    );
}

async function brandWith(current: Shape) {
  const base = await reviewFixture();
  const f: Fixture = { ...base, ...(await templateOf(base)) };
  await writeWindow(f, inReference, BASE);
  await writeWindow(f, inCurrent, current);
  return f;
}

/** The kit and template versions the review fixture published, read back from a throwaway item. */
async function templateOf(f: Awaited<ReturnType<typeof reviewFixture>>) {
  const author = await sessionFor(f.brandId, "marketer");
  const item = await f.createItem({ author, submit: false });
  const [row] = await db()
    .select({
      kitVersionId: contentRevisions.kitVersionId,
      templateVersionId: contentRevisions.templateVersionId,
    })
    .from(contentRevisions)
    .where(eq(contentRevisions.id, item.revisionId));
  const templateId = (await f.itemRow(item.id)).templateId;
  return { kitVersionId: row!.kitVersionId, templateVersionId: row!.templateVersionId, templateId };
}

const run = (brandId: string, asOf = AS_OF) => detectDrift({ actor: { kind: "system" }, brandId, asOf });

describe("drift detection", () => {
  let shifted: Awaited<ReturnType<typeof brandWith>>;
  let firstRun: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    shifted = await brandWith(SHIFTED);
    await db()
      .insert(webhookSubscriptions)
      .values({
        brandId: shifted.brandId,
        url: "https://hooks.example.test/drift",
        eventTypes: ["model.drift"],
        secretCiphertext: Buffer.from("not used"),
      });
    firstRun = await run(shifted.brandId);
  });

  it("raises alerts for a shifted audience, longer briefs and a higher failure rate", async () => {
    expect(firstRun.windows.current).toEqual({
      start: new Date("2026-05-31T12:00:00Z"),
      end: new Date("2026-06-01T12:00:00Z"),
    });
    const checks = await db().select().from(driftChecks).where(eq(driftChecks.brandId, shifted.brandId));
    const status = Object.fromEntries(checks.map((c) => [`${c.signal}/${c.statistic}`, c.status]));
    expect(status).toMatchObject({
      "audience.segment/psi": "alert",
      "audience.visits30d/psi": "alert",
      "audience.locale/psi": "ok",
      "audience.device/psi": "ok",
      "brief.chars/psi": "alert",
      "brief.chars/ks": "alert",
      "brief.words/ks": "alert",
      "checks.banned-terms.failure_rate/psi": "alert",
      "checks.readability.failure_rate/psi": "ok",
    });
    const segment = checks.find((c) => c.signal === "audience.segment")!;
    expect(segment).toMatchObject({ referenceCount: 300, currentCount: 300, threshold: 0.25 });
    expect(segment.value).toBeGreaterThan(0.25);

    const alerts = await db().select().from(driftAlerts).where(eq(driftAlerts.brandId, shifted.brandId));
    expect(alerts.map((a) => `${a.signal}/${a.statistic}`).sort()).toEqual(
      Object.entries(status)
        .filter(([, s]) => s === "alert")
        .map(([k]) => k)
        .sort(),
    );
    expect(firstRun.alerts).toBe(alerts.length);
  });

  it("puts one model.drift event per alert in the outbox, with a delivery, and audits each", async () => {
    const outbox = await db().select().from(webhookEvents).where(eq(webhookEvents.brandId, shifted.brandId));
    expect(outbox).toHaveLength(firstRun.alerts);
    expect(outbox.every((e) => e.type === "model.drift")).toBe(true);
    const segment = outbox.find((e) => e.payload.signal === "audience.segment")!;
    expect(segment.payload).toMatchObject({
      statistic: "psi",
      threshold: 0.25,
      currentWindow: { start: "2026-05-31T12:00:00.000Z", end: "2026-06-01T12:00:00.000Z" },
    });
    const [deliveries] = await db()
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, segment.id));
    expect(deliveries!.n).toBe(1);
    const [audits] = await db()
      .select({ n: count() })
      .from(auditEntries)
      .where(and(eq(auditEntries.brandId, shifted.brandId), eq(auditEntries.action, "drift.alert.raised")));
    expect(audits!.n).toBe(firstRun.alerts);
  });

  it("is idempotent: the same window again stores and raises nothing; the next hour adds checks, not alerts", async () => {
    const again = await run(shifted.brandId);
    expect(again).toMatchObject({ checks: 0, alerts: 0 });
    const nextHour = await run(shifted.brandId, new Date(AS_OF.getTime() + HOUR));
    expect(nextHour.checks).toBeGreaterThan(0);
    expect(nextHour.alerts).toBe(0);
    const [alerts] = await db()
      .select({ n: count() })
      .from(driftAlerts)
      .where(eq(driftAlerts.brandId, shifted.brandId));
    expect(alerts!.n).toBe(firstRun.alerts);
    const [outbox] = await db()
      .select({ n: count() })
      .from(webhookEvents)
      .where(eq(webhookEvents.brandId, shifted.brandId));
    expect(outbox!.n).toBe(firstRun.alerts);
  });

  it("two detectors racing on one window raise each alert once", async () => {
    const raced = await brandWith(SHIFTED);
    const [a, b] = await Promise.all([run(raced.brandId), run(raced.brandId)]);
    const [alerts] = await db()
      .select({ n: count() })
      .from(driftAlerts)
      .where(eq(driftAlerts.brandId, raced.brandId));
    const [outbox] = await db()
      .select({ n: count() })
      .from(webhookEvents)
      .where(eq(webhookEvents.brandId, raced.brandId));
    expect(alerts!.n).toBe(firstRun.alerts);
    expect(a.alerts + b.alerts).toBe(firstRun.alerts);
    expect(outbox!.n).toBe(firstRun.alerts);
  });

  it("raises nothing when the current window looks like the reference", async () => {
    const steady = await brandWith(BASE);
    const result = await run(steady.brandId);
    expect(result.checks).toBeGreaterThan(0);
    expect(result.alerts).toBe(0);
    const checks = await db().select().from(driftChecks).where(eq(driftChecks.brandId, steady.brandId));
    expect(checks.every((c) => c.status === "ok")).toBe(true);
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.brandId, steady.brandId))).toEqual(
      [],
    );
  });

  it("only the system may run the job", async () => {
    const admin = await createUser(shifted.brandId, "admin");
    await expect(
      detectDrift({
        actor: { kind: "user", userId: admin.id, brandId: shifted.brandId },
        brandId: shifted.brandId,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows open alerts to reviewers and admins (the banner's query), not to marketers", async () => {
    const reviewer = await sessionFor(shifted.brandId, "reviewer");
    const open = await listOpenDriftAlerts(reviewer, shifted.brandId);
    expect(open.map((a) => a.signal)).toContain("audience.segment");
    const segment = open.find((a) => a.signal === "audience.segment")!;
    expect(describeAlert(segment)).toMatch(/^audience\.segment PSI \d+\.\d\d since 31 May, 12:00 UTC$/);
    const marketer = await sessionFor(shifted.brandId, "marketer");
    await expect(listOpenDriftAlerts(marketer, shifted.brandId)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("acknowledging needs an admin (marketer 403), names a bad field (400) and changes nothing until it succeeds", async () => {
    const [alert] = await db()
      .select()
      .from(driftAlerts)
      .where(and(eq(driftAlerts.brandId, shifted.brandId), eq(driftAlerts.signal, "audience.segment")));
    const input = { brandId: shifted.brandId, alertId: alert!.id };

    actAs((await signedIn((await createUser(shifted.brandId, "marketer")).id)).token);
    expect(await acknowledgeDriftAlertAction(input)).toMatchObject({ ok: false, status: 403 });
    actAs((await signedIn((await createUser(shifted.brandId, "reviewer")).id)).token);
    expect(await acknowledgeDriftAlertAction(input)).toMatchObject({ ok: false, status: 403 });

    const admin = await createUser(shifted.brandId, "admin");
    actAs((await signedIn(admin.id)).token);
    const bad = await acknowledgeDriftAlertAction({ brandId: shifted.brandId, alertId: "not-an-id" });
    expect(bad).toMatchObject({ ok: false, status: 400, error: { code: "validation_failed" } });
    expect(!bad.ok && bad.error.details).toEqual([expect.objectContaining({ path: "alertId" })]);
    const [untouched] = await db().select().from(driftAlerts).where(eq(driftAlerts.id, alert!.id));
    expect(untouched!.acknowledgedAt).toBeNull();

    expect(await acknowledgeDriftAlertAction(input)).toEqual({ ok: true, data: { alertId: alert!.id } });
    const [acked] = await db().select().from(driftAlerts).where(eq(driftAlerts.id, alert!.id));
    expect(acked).toMatchObject({ acknowledgedBy: admin.id });
    expect(acked!.acknowledgedAt).toBeInstanceOf(Date);
    const [audit] = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.targetId, alert!.id), eq(auditEntries.action, "drift.alert.acknowledged")));
    expect(audit!.actor).toMatchObject({ kind: "user", id: admin.id });
    expect(await acknowledgeDriftAlertAction(input)).toMatchObject({ ok: false, status: 409 });

    const reviewer = await sessionFor(shifted.brandId, "reviewer");
    expect((await listOpenDriftAlerts(reviewer, shifted.brandId)).map((a) => a.id)).not.toContain(alert!.id);

    // Closed, the signal may alert again on a later window.
    const later = await run(shifted.brandId, new Date(AS_OF.getTime() + 2 * HOUR));
    expect(later.alerts).toBe(1);
  });
});
