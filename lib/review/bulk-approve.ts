import { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { AppError, parseOrThrow, toErrorBody } from "@/lib/errors";
import { decide } from "./decide";

export const bulkApproveInput = z.object({
  items: z
    .array(
      z.object({
        brandId: z.string().uuid(),
        contentItemId: z.string().uuid(),
        revisionId: z.string().uuid(),
        stageIndex: z.number().int().min(0).max(20),
      }),
    )
    .min(1, "Select at least one item")
    .max(100),
});

export type BulkResult =
  | { contentItemId: string; ok: true; outcome: string }
  | { contentItemId: string; ok: false; code: string; message: string };

/**
 * Approves each item as if one by one: every rule (stage, four-eyes, claims, revision) is
 * applied per item in its own transaction, so one refusal never blocks or undoes the others.
 */
export async function bulkApprove(
  principal: Principal | null,
  raw: z.input<typeof bulkApproveInput>,
): Promise<BulkResult[]> {
  const { items } = parseOrThrow(bulkApproveInput, raw);
  const results: BulkResult[] = [];
  for (const item of items) {
    try {
      const outcome = await decide(principal, { ...item, decision: "approve" });
      results.push({ contentItemId: item.contentItemId, ok: true, outcome: outcome.outcome });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const { body } = toErrorBody(err);
      results.push({
        contentItemId: item.contentItemId,
        ok: false,
        code: body.error.code,
        message: body.error.message,
      });
    }
  }
  return results;
}
