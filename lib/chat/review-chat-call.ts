import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { CHAT_REVIEW_VERDICTS, chatCalls } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const reviewChatCallInput = z.object({
  brandId: z.string().uuid(),
  callId: z.string().uuid(),
  /** `ok`: fine as served; `flagged`: should not have been served, see the note. */
  verdict: z.enum(CHAT_REVIEW_VERDICTS),
  note: z.string().trim().max(2000).default(""),
});

/**
 * Records a reviewer's verdict on a sampled chat call, once: the update only matches an
 * unreviewed sampled call, so two reviewers racing get one verdict and one 409. Audited.
 */
export async function reviewChatCall(principal: Principal | null, raw: z.input<typeof reviewChatCallInput>) {
  const input = parseOrThrow(reviewChatCallInput, raw);
  authorize(principal, "review:act", input.brandId);
  if (input.verdict === "flagged" && !input.note) {
    throw new AppError("validation_failed", "Say what is wrong with the answer", [
      { path: "note", message: "A flag needs a note" },
    ]);
  }
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(chatCalls)
      .set({
        reviewedAt: sql`now()`,
        reviewedBy: principal.user.id,
        reviewVerdict: input.verdict,
        reviewNote: input.note || null,
      })
      .where(
        and(
          eq(chatCalls.id, input.callId),
          eq(chatCalls.brandId, input.brandId),
          eq(chatCalls.sampledForReview, true),
          isNull(chatCalls.reviewedAt),
        ),
      )
      .returning({ id: chatCalls.id, reviewedAt: chatCalls.reviewedAt });
    if (!row) {
      const [existing] = await tx
        .select({ id: chatCalls.id })
        .from(chatCalls)
        .where(
          and(
            eq(chatCalls.id, input.callId),
            eq(chatCalls.brandId, input.brandId),
            eq(chatCalls.sampledForReview, true),
          ),
        );
      if (!existing)
        throw new AppError("not_found", "No sampled chat call with this id in this brand", {
          path: "callId",
        });
      throw new AppError("conflict", "This chat call has already been reviewed");
    }
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "chat_call.reviewed",
      target: { type: "chat_call", id: row.id },
      data: { verdict: input.verdict, note: input.note || null },
    });
    return { id: row.id, verdict: input.verdict, reviewedAt: row.reviewedAt! };
  });
}
