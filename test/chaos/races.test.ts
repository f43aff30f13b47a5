/**
 * Issue 10, item 7: races at scale. 100 items, each hit by 20 concurrent approve/reject calls
 * from 20 reviewers: exactly one transition per item, one audit entry for it, and the audit
 * hash chain still verifies. Then 20 concurrent claims per item over 100 items: one holder
 * each. Items are raced ten at a time (200 calls in flight), so calls on different items also
 * contend for the audit chain's head. With DATABASE_URL set (CI) the calls race on separate
 * PostgreSQL connections.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntries, reviewDecisions } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { claimItem } from "@/lib/review/claim";
import { decide } from "@/lib/review/decide";
import { raceFixture, settle } from "@/lib/review/testing/review-fixture";

const ITEMS = 100;
const CALLS = 20;
const IN_FLIGHT_ITEMS = 10;

let f: Awaited<ReturnType<typeof raceFixture>>["f"];
let author: UserPrincipal;
let reviewers: UserPrincipal[];

beforeAll(async () => {
  ({ f, author, reviewers } = await raceFixture(CALLS));
});

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe("races at scale", () => {
  it(`${CALLS} concurrent approve/reject calls on each of ${ITEMS} items: one transition each, chain intact`, async () => {
    const items = [];
    for (let i = 0; i < ITEMS; i++) items.push(await f.createItem({ author }));
    const started = Date.now();
    let won = 0;
    await inBatches(items, IN_FLIGHT_ITEMS, async (item) => {
      const seen = { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, stageIndex: 0 };
      const outcome = await settle(
        reviewers.map((r, i) =>
          i % 2
            ? decide(r, { ...seen, decision: "approve" })
            : decide(r, { ...seen, decision: "reject", comment: `No, says reviewer ${i}` }),
        ),
      );
      expect(outcome, `item ${item.id}`).toEqual({ won: 1, refused: CALLS - 1 });
      won += outcome.won;
    });
    const ms = Date.now() - started;

    const ids = items.map((i) => i.id);
    const transitions = await db()
      .select({ id: reviewDecisions.contentItemId })
      .from(reviewDecisions)
      .where(
        and(
          inArray(reviewDecisions.contentItemId, ids),
          inArray(reviewDecisions.action, ["published", "rejected"]),
        ),
      );
    expect(transitions).toHaveLength(ITEMS);
    expect(new Set(transitions.map((t) => t.id)).size).toBe(ITEMS);
    const audited = await db()
      .select({ id: auditEntries.targetId })
      .from(auditEntries)
      .where(
        and(
          inArray(auditEntries.targetId, ids),
          inArray(auditEntries.action, ["content.published", "content.rejected"]),
        ),
      );
    expect(audited).toHaveLength(ITEMS);
    const chain = await verifyAuditChain(db());
    expect(chain).toMatchObject({ ok: true });
    console.log(
      `[chaos] races decide: ${ITEMS} items x ${CALLS} calls = ${ITEMS * CALLS} calls in ${ms} ms, ${won} transitions, ${ITEMS * CALLS - won} conflicts, audit chain ok (${chain.checked} entries)`,
    );
  });

  it(`${CALLS} concurrent claims on each of ${ITEMS} items: one holder each`, async () => {
    const items = [];
    for (let i = 0; i < ITEMS; i++) items.push(await f.createItem({ author }));
    const started = Date.now();
    await inBatches(items, IN_FLIGHT_ITEMS, async (item) => {
      const outcome = await settle(
        reviewers.map((r) => claimItem(r, { brandId: f.brandId, contentItemId: item.id })),
      );
      expect(outcome, `item ${item.id}`).toEqual({ won: 1, refused: CALLS - 1 });
      const row = await f.itemRow(item.id);
      const claims = await db()
        .select({ userId: reviewDecisions.userId })
        .from(reviewDecisions)
        .where(and(eq(reviewDecisions.contentItemId, item.id), eq(reviewDecisions.action, "claimed")));
      expect(claims).toEqual([{ userId: row.claimedBy }]);
    });
    const chain = await verifyAuditChain(db());
    expect(chain).toMatchObject({ ok: true });
    console.log(
      `[chaos] races claim: ${ITEMS} items x ${CALLS} claims in ${Date.now() - started} ms, ${ITEMS} holders, audit chain ok (${chain.checked} entries)`,
    );
  });
});
