import { and, desc, eq, inArray, isNull, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { brands, chatCalls, type ChatBlockedReason, type ChatReviewVerdict } from "@/db/schema";
import type { ChatCheckFindings } from "@/db/schema/json/check-result";
import { can, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

export const chatReviewQueueInput = z.object({
  /** One brand, or every brand the reviewer may review in. */
  brandId: z.string().uuid().optional(),
  /** `open`: sampled and not reviewed yet; `done`: reviewed. */
  state: z.enum(["open", "done"]).default("open"),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface ChatReviewRow {
  id: string;
  brandId: string;
  brandName: string;
  requestId: string;
  versionId: string | null;
  arm: string | null;
  streamed: boolean;
  input: string;
  output: string | null;
  checkResults: ChatCheckFindings;
  blockedReason: ChatBlockedReason | null;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewVerdict: ChatReviewVerdict | null;
  reviewNote: string | null;
}

/** Chat calls sampled for after-the-fact review, newest first, in brands the caller reviews. */
export async function listChatReviewQueue(
  principal: Principal | null,
  raw: z.input<typeof chatReviewQueueInput> = {},
): Promise<ChatReviewRow[]> {
  const input = parseOrThrow(chatReviewQueueInput, raw);
  const brandIds = requireUser(principal)
    .memberships.map((m) => m.brandId)
    .filter((id) => can(principal, "review:act", id) && (!input.brandId || id === input.brandId));
  if (brandIds.length === 0) return [];
  return db()
    .select({
      id: chatCalls.id,
      brandId: chatCalls.brandId,
      brandName: brands.name,
      requestId: chatCalls.requestId,
      versionId: chatCalls.versionId,
      arm: chatCalls.arm,
      streamed: chatCalls.streamed,
      input: chatCalls.input,
      output: chatCalls.output,
      checkResults: chatCalls.checkResults,
      blockedReason: chatCalls.blockedReason,
      createdAt: chatCalls.createdAt,
      reviewedAt: chatCalls.reviewedAt,
      reviewVerdict: chatCalls.reviewVerdict,
      reviewNote: chatCalls.reviewNote,
    })
    .from(chatCalls)
    .innerJoin(brands, eq(brands.id, chatCalls.brandId))
    .where(
      and(
        inArray(chatCalls.brandId, brandIds),
        eq(chatCalls.sampledForReview, true),
        input.state === "open" ? isNull(chatCalls.reviewedAt) : isNotNull(chatCalls.reviewedAt),
      ),
    )
    .orderBy(desc(chatCalls.createdAt))
    .limit(input.limit);
}
