import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { contentItems, reviewDecisions, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize, membershipOf } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { lockItem } from "./lock-item";
import { getPinnedWorkflow } from "./resolve-workflow";
import { describeActor, mayActAtStage } from "./workflow";

/** A claim lapses on its own, so an abandoned one frees the item. */
export const CLAIM_MINUTES = 15;

export const claimInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
});

/**
 * Claims an item for the caller (or renews the caller's own claim). The claim is a
 * compare-and-set in SQL: of reviewers claiming at once, exactly one holds it.
 */
export async function claimItem(principal: Principal | null, raw: z.input<typeof claimInput>) {
  const input = parseOrThrow(claimInput, raw);
  authorize(principal, "review:act", input.brandId);
  const membership = membershipOf(principal, input.brandId);
  const userId = principal.user.id;
  return db().transaction(async (tx) => {
    const { item } = await lockItem(tx, input.brandId, input.contentItemId);
    if (item.status !== "in_review") throw new AppError("conflict", "Only content in review can be claimed");
    const stage = (await getPinnedWorkflow(tx, item.workflowDefinitionId!)).stages[item.stageIndex]!;
    if (!mayActAtStage(membership, stage))
      throw new AppError("forbidden", `The ${stage.name} stage is for ${describeActor(stage.actor)}`);
    const [claimed] = await tx
      .update(contentItems)
      .set({ claimedBy: userId, claimExpiresAt: sql`now() + make_interval(mins => ${CLAIM_MINUTES})` })
      .where(
        and(
          eq(contentItems.id, item.id),
          eq(contentItems.status, "in_review"),
          or(
            isNull(contentItems.claimedBy),
            eq(contentItems.claimedBy, userId),
            lt(contentItems.claimExpiresAt, sql`now()`),
          ),
        ),
      )
      .returning({ claimExpiresAt: contentItems.claimExpiresAt });
    if (!claimed) {
      const [holder] = await tx
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, item.claimedBy!));
      throw new AppError("conflict", `${holder?.email ?? "Another reviewer"} is working on this content`, {
        claimedBy: holder?.email,
        claimExpiresAt: item.claimExpiresAt,
      });
    }
    await tx.insert(reviewDecisions).values({
      contentItemId: item.id,
      revisionId: item.currentRevisionId,
      stageIndex: item.stageIndex,
      action: "claimed",
      userId,
    });
    await appendAudit(tx, {
      brandId: item.brandId,
      actor: principal,
      action: "content.claimed",
      target: { type: "content", id: item.id },
      data: { stageIndex: item.stageIndex, expiresAt: claimed.claimExpiresAt },
    });
    return { claimExpiresAt: claimed.claimExpiresAt! };
  });
}

/** Gives up the caller's own claim. */
export async function releaseClaim(principal: Principal | null, raw: z.input<typeof claimInput>) {
  const input = parseOrThrow(claimInput, raw);
  authorize(principal, "review:act", input.brandId);
  const userId = principal.user.id;
  return db().transaction(async (tx) => {
    const { item } = await lockItem(tx, input.brandId, input.contentItemId);
    const [released] = await tx
      .update(contentItems)
      .set({ claimedBy: null, claimExpiresAt: null })
      .where(and(eq(contentItems.id, item.id), eq(contentItems.claimedBy, userId)))
      .returning({ id: contentItems.id });
    if (!released) throw new AppError("conflict", "You do not hold a claim on this content");
    await tx.insert(reviewDecisions).values({
      contentItemId: item.id,
      revisionId: item.currentRevisionId,
      stageIndex: item.stageIndex,
      action: "released",
      userId,
    });
    await appendAudit(tx, {
      brandId: item.brandId,
      actor: principal,
      action: "content.claim_released",
      target: { type: "content", id: item.id },
    });
    return { released: true };
  });
}
