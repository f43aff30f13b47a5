/**
 * Issue 20, point 4: reviewers hear of items waiting at their stage and of SLAs about to lapse,
 * authors hear of decisions: in the app, and by email through a real SMTP server (smtp-server,
 * in this process) that the `notifications.email.v1` job reaches over the wire.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { contentItems, notifications } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { submitForReview } from "@/lib/content/submit-for-review";
import { db } from "@/lib/db";
import { getEnv, resetEnvCache } from "@/lib/env";
import { JOBS } from "@/lib/jobs/contracts";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { emailNotification } from "@/lib/notifications/email-notification";
import { closeMailer } from "@/lib/notifications/mailer";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { notifySlaDue } from "@/lib/notifications/notify-sla-due";
import { decide } from "@/lib/review/decide";
import { reviewFixture, sessionFor, SIGN_OFF } from "@/lib/review/testing/review-fixture";
import { signedIn } from "@/test/factories";
import { startJobWorker } from "@/test/job-worker";
import { startSmtpReceiver } from "@/test/smtp-receiver";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { markReadAction } = await import("@/app/(app)/notifications/actions");

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: { stop: () => Promise<void> };
let f: Awaited<ReturnType<typeof reviewFixture>>;
let author: UserPrincipal;
let reviewers: UserPrincipal[];
let outsider: UserPrincipal;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Brandgate <brandgate@example.test>";
  resetEnvCache();
  // Test files share one database and run one after another: every earlier file that submitted
  // or decided an item queued emails no worker of its own sent. Sent here, to this file's SMTP
  // server, they were hundreds of jobs ahead of this file's own (its tests timed out in CI).
  await db().execute(
    sql`delete from pgboss.job where name = ${JOBS.emailNotification.name} and state in ('created', 'retry')`,
  );
  worker = await startJobWorker(["emailNotification"]);
  f = await reviewFixture(SIGN_OFF);
  author = await sessionFor(f.brandId, "marketer");
  reviewers = [await sessionFor(f.brandId, "reviewer"), await sessionFor(f.brandId, "reviewer")];
  // A reviewer of another brand: never told of this brand's items.
  outsider = await sessionFor((await reviewFixture(SIGN_OFF)).brandId, "reviewer");
});

afterAll(async () => {
  await worker?.stop();
  closeMailer();
  await smtp?.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  resetEnvCache();
});

const emailsOf = (people: UserPrincipal[]) => people.map((p) => p.user.email.toLowerCase());

describe("notifications", () => {
  it("a submitted item sends the stage's reviewers one email each, with a link to the item", async () => {
    const draft = await f.createItem({ author, submit: false });
    await submitForReview(author, { brandId: f.brandId, contentItemId: draft.id });

    const mail = await smtp.waitFor(emailsOf([...reviewers, author, f.admin, outsider]), 2);
    // A moment more: a third email (a duplicate, the admin, the author) would show here.
    await new Promise((r) => setTimeout(r, 1500));
    const all = smtp.received.filter((m) =>
      m.to.some((t) => emailsOf([...reviewers, author, f.admin, outsider]).includes(t)),
    );
    expect(mail).toHaveLength(2);
    expect(all).toHaveLength(2);
    expect(all.flatMap((m) => m.to).sort()).toEqual(emailsOf(reviewers).sort());
    const link = new URL(`/review/${draft.id}`, getEnv().PUBLIC_URL).toString();
    for (const m of all) {
      expect(m.from).toBe("brandgate@example.test");
      expect(m.raw).toContain(link);
      expect(m.raw).toMatch(/Subject: Waiting for review: Item /);
    }
    // The same notice is in each reviewer's bell, unread.
    for (const r of reviewers) {
      const { items, unread } = await listNotifications(r);
      expect(unread).toBeGreaterThanOrEqual(1);
      expect(items[0]).toMatchObject({ kind: "review_waiting", href: `/review/${draft.id}`, read: false });
    }
    expect((await listNotifications(author)).items.filter((n) => n.href?.endsWith(draft.id))).toEqual([]);
  });

  it("a decision tells the item's author in the app (and by email)", async () => {
    const item = await f.createItem({ author });
    await decide(reviewers[0]!, {
      brandId: f.brandId,
      contentItemId: item.id,
      revisionId: item.revisionId,
      stageIndex: 0,
      decision: "request_changes",
      comment: "Say which trails",
    });
    const { items, unread } = await listNotifications(author);
    expect(unread).toBeGreaterThanOrEqual(1);
    expect(items[0]).toMatchObject({
      kind: "review_decision",
      title: expect.stringMatching(/^Changes requested: Item /),
      body: expect.stringContaining("Say which trails"),
      href: `/library/${item.id}`,
      read: false,
    });
    const mail = await smtp.waitFor(emailsOf([author]), 1);
    expect(mail[0]!.raw).toContain(new URL(`/library/${item.id}`, getEnv().PUBLIC_URL).toString());
  });

  it("one user can neither read nor mark another's notifications", async () => {
    await f.createItem({ author }); // each reviewer is told of it
    const [mine] = (await listNotifications(reviewers[0]!)).items;
    expect(mine).toBeDefined();
    // The other reviewer and a stranger see none of reviewer 0's rows…
    const others = await listNotifications(outsider);
    expect(others.items.map((n) => n.id)).not.toContain(mine!.id);
    // …and marking them by id touches nothing, through lib and through the server action.
    expect(await markNotificationsRead(reviewers[1]!, { ids: [mine!.id] })).toEqual({ marked: 0 });
    jar.clear();
    jar.set(SESSION_COOKIE, (await signedIn(outsider.user.id)).token);
    expect(await markReadAction({ ids: [mine!.id] })).toEqual({ ok: true, data: { marked: 0 } });
    jar.clear();
    expect(await markReadAction({})).toMatchObject({ ok: false, status: 401 });
    const [row] = await db().select().from(notifications).where(eq(notifications.id, mine!.id));
    expect(row!.readAt).toBeNull();

    // The owner marks all of theirs read: the badge goes to zero, the other reviewer's stays.
    const before = (await listNotifications(reviewers[1]!)).unread;
    jar.set(SESSION_COOKIE, (await signedIn(reviewers[0]!.user.id)).token);
    expect(await markReadAction({})).toMatchObject({ ok: true });
    expect((await listNotifications(reviewers[0]!)).unread).toBe(0);
    expect((await listNotifications(reviewers[1]!)).unread).toBe(before);
  });

  it("warns a stage's reviewers once when an item's SLA is about to lapse", async () => {
    const item = await f.createItem({ author });
    const sla = SIGN_OFF[0]!.slaHours;
    // Entered the stage at 80% of its SLA ago: past the 75% warning mark, not yet overdue.
    await db()
      .update(contentItems)
      .set({ stageEnteredAt: new Date(Date.now() - sla * 0.8 * 3_600_000) })
      .where(eq(contentItems.id, item.id));
    await notifySlaDue({ actor: { kind: "system" } });
    await notifySlaDue({ actor: { kind: "system" } });
    const warnings = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.contentItemId, item.id), eq(notifications.kind, "review_sla_due")));
    expect(warnings.map((w) => w.userId).sort()).toEqual(reviewers.map((r) => r.user.id).sort());
    expect(warnings[0]!.title).toMatch(/^SLA about to lapse: /);
    await expect(
      notifySlaDue({ actor: { kind: "user", userId: author.user.id, brandId: f.brandId } }),
    ).rejects.toThrow(/system/);
  });

  it("without SMTP_URL a notice stays in the app: the email job ends without sending", async () => {
    const item = await f.createItem({ author });
    const [notice] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.contentItemId, item.id), eq(notifications.userId, reviewers[0]!.user.id)));
    // Let the worker's own run of this notice finish (it marks emailedAt) before undoing it.
    for (let i = 0; i < 300; i++) {
      const [row] = await db().select().from(notifications).where(eq(notifications.id, notice!.id));
      if (row!.emailedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await db().update(notifications).set({ emailedAt: null }).where(eq(notifications.id, notice!.id));
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      expect(await emailNotification({ notificationId: notice!.id })).toBe("smtp_off");
      const [row] = await db().select().from(notifications).where(eq(notifications.id, notice!.id));
      expect(row!.emailedAt).toBeNull();
      expect((await listNotifications(reviewers[0]!)).items.map((n) => n.id)).toContain(notice!.id);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
    }
  });
});
