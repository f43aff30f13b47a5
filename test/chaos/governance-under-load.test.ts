/**
 * Issue 10, item 8: the governance invariant under load. 200 concurrent API clients mix
 * content list reads, content reads by id (any id, live or not), placement reads and event
 * posts, while reviewers approve and reject items entering review and admins retire published
 * ones. A checker then compares every response that served content with the audit log.
 *
 * The rule, for each content id a response served, with `sent` and `received` the client's
 * clock around the request (the audit log is written on the same clock):
 *  - it has a `content.published` audit entry, dated before `received` (an entry is written
 *    inside its transaction, before the commit, so its time is a lower bound of the commit:
 *    an entry dated after the response arrived cannot have been visible to the read);
 *  - if it has a `content.retired` entry, the retire had not committed when the request was
 *    sent. The commit's upper bound is when the admin's call returned, so a response is a
 *    violation when `sent` is after that. A retire that committed while the request was in
 *    flight is acceptable: the read may have started before it (in-flight overlap).
 *  - items rejected, or still in review, have no published entry: serving one is a violation.
 */
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_SCOPES, auditEntries, placements, placementVariants } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { decide } from "@/lib/review/decide";
import { retireContent } from "@/lib/review/retire-content";
import { reviewFixture, sessionFor, SIGN_OFF } from "@/lib/review/testing/review-fixture";
import { buildApi } from "@/server/api/app";

const CLIENTS = 200;
const INITIAL_LIVE = 40;
const RUN_MS = 8_000;
/** Reviewer/admin loops running beside the clients. */
const GOVERNORS = 4;

let app: FastifyInstance;
let baseUrl: string;
let key: string;
let f: Awaited<ReturnType<typeof reviewFixture>>;
let author: UserPrincipal;
let reviewer: UserPrincipal;
let placementId: string;
const PLACEMENT = "load-hero";
const allIds: string[] = [];
/** When each retire call returned: the latest its commit can have been. */
const retireReturned = new Map<string, number>();

beforeAll(async () => {
  f = await reviewFixture(SIGN_OFF);
  author = await sessionFor(f.brandId, "marketer");
  reviewer = await sessionFor(f.brandId, "reviewer");
  key = (
    await createApiKey(f.admin, {
      brandId: f.brandId,
      name: "load",
      scopes: [...API_KEY_SCOPES],
      rateLimitPerMinute: 100_000,
    })
  ).plaintext;
  const [placement] = await db()
    .insert(placements)
    .values({ brandId: f.brandId, key: PLACEMENT })
    .returning();
  placementId = placement!.id;
  for (let i = 0; i < INITIAL_LIVE; i++) await publishNew();
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(() => app.close());

async function enter() {
  const item = await f.createItem({ author });
  allIds.push(item.id);
  // Every item is a placement variant from the start: only approved ones may be served.
  await db().insert(placementVariants).values({ placementId, contentItemId: item.id });
  return item;
}

async function publishNew() {
  const item = await enter();
  await decide(reviewer, {
    brandId: f.brandId,
    contentItemId: item.id,
    revisionId: item.revisionId,
    stageIndex: 0,
    decision: "approve",
  });
  return item.id;
}

interface Served {
  sent: number;
  received: number;
  ids: string[];
  what: string;
}

function servedIds(what: string, body: unknown): string[] {
  if (what === "list") return ((body as { data?: { id: string }[] }).data ?? []).map((d) => d.id);
  const id = (body as { id?: string }).id;
  return id ? [id] : [];
}

async function client(stopAt: number, n: number, served: Served[], statuses: Record<number, number>) {
  const auth = { authorization: `Bearer ${key}` };
  for (let i = 0; Date.now() < stopAt; i++) {
    const pick = (n + i) % 4;
    const sent = Date.now();
    let res: Response;
    let what: string;
    if (pick === 0) {
      what = "list";
      res = await fetch(`${baseUrl}/api/v1/content?limit=100`, { headers: auth });
    } else if (pick === 1) {
      what = "by id";
      const id = allIds[(n * 7 + i * 13) % allIds.length]!;
      res = await fetch(`${baseUrl}/api/v1/content/${id}`, { headers: auth });
    } else if (pick === 2) {
      what = "placement";
      res = await fetch(`${baseUrl}/api/v1/placements/${PLACEMENT}/content?unit=u-${n}-${i}`, {
        headers: auth,
      });
    } else {
      what = "events";
      res = await fetch(`${baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          events: [
            {
              id: randomUUID(),
              type: "impression",
              unit: `u-${n}`,
              content_id: allIds[0],
              occurred_at: new Date().toISOString(),
            },
          ],
        }),
      });
    }
    const text = await res.text();
    const received = Date.now();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 200 && what !== "events")
      served.push({ sent, received, ids: servedIds(what, JSON.parse(text)), what });
  }
}

/** Reviewers and admins at work while the clients read: new items approved or rejected, live ones retired. */
async function governance(
  stopAt: number,
  counts: { approved: number; rejected: number; retired: number },
  live: string[],
  worker: number,
) {
  for (let i = worker; Date.now() < stopAt; i += GOVERNORS) {
    const item = await enter();
    const decision = i % 3 === 0 ? "reject" : "approve";
    const seen = { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, stageIndex: 0 };
    await decide(
      reviewer,
      decision === "reject" ? { ...seen, decision, comment: "Not on brand" } : { ...seen, decision },
    );
    if (decision === "approve") {
      counts.approved++;
      live.push(item.id);
    } else counts.rejected++;
    const victim = live.splice((i * 5) % live.length, 1)[0];
    if (victim && live.length > 5) {
      await retireContent(f.admin, {
        brandId: f.brandId,
        contentItemId: victim,
        reason: "Retired under load",
      });
      retireReturned.set(victim, Date.now());
      counts.retired++;
    }
  }
}

describe("governance invariant under load", () => {
  it(`${CLIENTS} clients, concurrent approvals, rejections and retirements: nothing served that was not approved and live`, async () => {
    const served: Served[] = [];
    const statuses: Record<number, number> = {};
    const counts = { approved: 0, rejected: 0, retired: 0 };
    const stopAt = Date.now() + RUN_MS;
    const live = [...allIds];
    await Promise.all([
      ...Array.from({ length: GOVERNORS }, (_, w) => governance(stopAt, counts, live, w)),
      ...Array.from({ length: CLIENTS }, (_, n) => client(stopAt, n, served, statuses)),
    ]);

    const entries = await db()
      .select({ action: auditEntries.action, targetId: auditEntries.targetId, at: auditEntries.at })
      .from(auditEntries)
      .where(inArray(auditEntries.targetId, allIds));
    const published = new Map<string, number>();
    const retired = new Map<string, number>();
    for (const e of entries) {
      if (e.action === "content.published") published.set(e.targetId!, e.at.getTime());
      if (e.action === "content.retired") retired.set(e.targetId!, e.at.getTime());
    }
    // Every retire the test made is in the audit log, dated no later than its call returned.
    for (const [id, returned] of retireReturned) {
      expect(retired.get(id), `retire of ${id} not audited`).toBeLessThanOrEqual(returned);
    }

    const violations: string[] = [];
    let checked = 0;
    for (const r of served) {
      for (const id of r.ids) {
        checked++;
        const pub = published.get(id);
        if (pub === undefined) violations.push(`${r.what}: ${id} was never published`);
        else if (pub > r.received) violations.push(`${r.what}: ${id} published after the response arrived`);
        const ret = retireReturned.get(id);
        if (ret !== undefined && r.sent > ret)
          violations.push(`${r.what}: ${id} served ${r.sent - ret} ms after its retire returned`);
      }
    }
    const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
    expect(statuses[500] ?? 0, "server errors under load").toBe(0);
    expect(counts.retired, "the run retired nothing: it proves little").toBeGreaterThan(3);
    expect(counts.rejected).toBeGreaterThan(1);
    expect(violations.slice(0, 20)).toEqual([]);
    console.log(
      `[chaos] governance under load: ${CLIENTS} clients, ${requests} requests in ${RUN_MS} ms (${JSON.stringify(statuses)}), ${counts.approved} approved, ${counts.rejected} rejected, ${counts.retired} retired meanwhile by ${GOVERNORS} reviewer/admin loops; ${checked} served content ids checked against ${entries.length} audit entries, 0 violations`,
    );
  });
});
