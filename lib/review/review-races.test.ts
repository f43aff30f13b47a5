/**
 * Concurrent decisions on one item: exactly one state transition lands, and one audit entry
 * records it; of concurrent claims exactly one holds. On PostgreSQL these calls really do
 * race on separate connections (CI runs the suite there too).
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntries, reviewDecisions } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { claimItem } from "./claim";
import { decide } from "./decide";
import { raceFixture, settle } from "./testing/review-fixture";

let f: Awaited<ReturnType<typeof raceFixture>>["f"];
let author: UserPrincipal;
let reviewers: UserPrincipal[];

beforeAll(async () => {
  ({ f, author, reviewers } = await raceFixture(20));
});

describe("races", () => {
  it("20 concurrent approve and reject calls make exactly one transition", async () => {
    const item = await f.createItem({ author });
    const seen = { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, stageIndex: 0 };
    const outcome = await settle(
      reviewers.map((r, i) =>
        i % 2
          ? decide(r, { ...seen, decision: "approve" })
          : decide(r, { ...seen, decision: "reject", comment: `No, says reviewer ${i}` }),
      ),
    );
    expect(outcome).toEqual({ won: 1, refused: 19 });
    const row = await f.itemRow(item.id);
    expect(["approved", "rejected"]).toContain(row.status);
    const transitions = await db()
      .select()
      .from(reviewDecisions)
      .where(
        and(
          eq(reviewDecisions.contentItemId, item.id),
          inArray(reviewDecisions.action, ["published", "rejected"]),
        ),
      );
    expect(transitions).toHaveLength(1);
    // One audit entry for the item's decisions: the transition that landed; the refused calls left none.
    const audited = await db()
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.targetType, "content"), eq(auditEntries.targetId, item.id)));
    expect(audited.map((a) => a.action).sort()).toEqual(
      ["content.submitted", `content.${row.status === "approved" ? "published" : "rejected"}`].sort(),
    );
  });

  it("20 concurrent claims leave one holder", async () => {
    const item = await f.createItem({ author });
    const outcome = await settle(
      reviewers.map((r) => claimItem(r, { brandId: f.brandId, contentItemId: item.id })),
    );
    expect(outcome).toEqual({ won: 1, refused: 19 });
    const row = await f.itemRow(item.id);
    expect(reviewers.map((r) => r.user.id)).toContain(row.claimedBy);
    const claims = await db()
      .select()
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.contentItemId, item.id), eq(reviewDecisions.action, "claimed")));
    expect(claims.map((c) => c.userId)).toEqual([row.claimedBy]);
    const audited = await db()
      .select({ actor: auditEntries.actor })
      .from(auditEntries)
      .where(and(eq(auditEntries.targetId, item.id), eq(auditEntries.action, "content.claimed")));
    expect(audited).toEqual([{ actor: expect.objectContaining({ id: row.claimedBy }) }]);
  });
});
