import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { shadowOutputs, shadowPreferences, type ShadowPreferenceVerdict } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { isConstraintViolation } from "@/lib/models/registry/is-constraint-violation";
import { candidatePosition } from "./blind-position";

export const recordPreferenceInput = z.object({
  brandId: z.uuid(),
  shadowOutputId: z.uuid(),
  /** As the reviewer saw it: A is better, the two are about the same, or B is better. */
  choice: z.enum(["A", "same", "B"]),
  reason: z.string().trim().max(2000).default(""),
});

export type RecordPreferenceInput = z.input<typeof recordPreferenceInput>;

/**
 * Records one reviewer's blind verdict on a pair, mapped here from A/B to candidate vs
 * stable with the order the page was shown in (candidatePosition): the browser never knows
 * which answer was the candidate. Once per reviewer per pair (a unique key; the second is a
 * 409), since the rollout roll-up counts each preference once. Audited.
 */
export async function recordPreference(principal: Principal | null, raw: RecordPreferenceInput) {
  const input = parseOrThrow(recordPreferenceInput, raw);
  authorize(principal, "review:act", input.brandId);
  const reviewerId = principal.user.id;
  return db().transaction(async (tx) => {
    const [pair] = await tx
      .select({ id: shadowOutputs.id, output: shadowOutputs.output })
      .from(shadowOutputs)
      .where(and(eq(shadowOutputs.id, input.shadowOutputId), eq(shadowOutputs.brandId, input.brandId)));
    if (!pair || pair.output === null)
      throw new AppError("not_found", "No comparable pair with this id in this brand", [
        { path: "shadowOutputId", message: "not found" },
      ]);
    const position = candidatePosition(pair.id, reviewerId);
    const verdict: ShadowPreferenceVerdict =
      input.choice === "same" ? "same" : input.choice === position ? "better" : "worse";
    let row: { id: string; createdAt: Date } | undefined;
    try {
      [row] = await tx
        .insert(shadowPreferences)
        .values({
          brandId: input.brandId,
          shadowOutputId: pair.id,
          reviewerId,
          verdict,
          candidatePosition: position,
          reason: input.reason || null,
        })
        .returning({ id: shadowPreferences.id, createdAt: shadowPreferences.createdAt });
    } catch (err) {
      if (isConstraintViolation(err, "23505"))
        throw new AppError("conflict", "You have already compared this pair");
      throw err;
    }
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "shadow_preference.recorded",
      target: { type: "shadow_output", id: pair.id },
      data: { verdict, reason: input.reason || null },
    });
    return { id: row!.id, verdict, createdAt: row!.createdAt };
  });
}
