import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contentItems, reviewDecisions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { lockItem } from "./lock-item";

export const retireInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  reason: z.string({ error: "A reason is required" }).trim().min(3, "A reason is required").max(2000),
});

/** Takes published content off the content API for good; subscribers hear `content.retired`. */
export async function retireContent(principal: Principal | null, raw: z.input<typeof retireInput>) {
  const input = parseOrThrow(retireInput, raw);
  authorize(principal, "content:retire", input.brandId);
  return db().transaction(async (tx) => {
    const { item, revision } = await lockItem(tx, input.brandId, input.contentItemId);
    const [moved] = await tx
      .update(contentItems)
      .set({ status: "retired", retiredAt: sql`now()`, statusReason: input.reason, updatedAt: sql`now()` })
      .where(and(eq(contentItems.id, item.id), eq(contentItems.status, "approved")))
      .returning({ id: contentItems.id });
    if (!moved)
      throw new AppError("conflict", "Only published content can be retired", { status: item.status });
    await tx.insert(reviewDecisions).values({
      contentItemId: item.id,
      revisionId: revision.id,
      action: "retired",
      userId: principal.user.id,
      comment: input.reason,
    });
    await appendAudit(tx, {
      brandId: item.brandId,
      actor: principal,
      action: "content.retired",
      target: { type: "content", id: item.id },
      data: { revisionId: revision.id, reason: input.reason },
    });
    await emitWebhookEvent(tx, {
      brandId: item.brandId,
      type: "content.retired",
      data: { contentItemId: item.id, revisionId: revision.id, reason: input.reason },
    });
    return { status: "retired" as const };
  });
}
