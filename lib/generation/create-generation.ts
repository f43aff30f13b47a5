import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { boundedObject } from "@/lib/input-limits";
import { generations } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { requireBudgetLeft } from "@/lib/budgets/hold-budget";
import { apiKeyIdOf, principalRefOf, userIdOf, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";
import { briefSchema } from "./brief";

export const createGenerationInput = z.object({
  brandId: z.string().uuid(),
  templateVersionId: z.string().uuid(),
  brief: briefSchema,
  assetIds: z.array(z.string().uuid()).max(10).default([]),
  audience: boundedObject().nullable().default(null),
  unitKey: z.string().min(1).max(200).nullable().default(null),
  idempotencyKey: z.string().min(1).max(200).nullable().default(null),
  autoSubmit: z.boolean().default(true),
});

export type CreateGenerationInput = z.input<typeof createGenerationInput>;

/**
 * Accepts a brief and queues its generation. Only an approved template version is accepted.
 * With an idempotency key, a repeat returns the first generation instead of a second one.
 */
export async function createGeneration(principal: Principal | null, raw: CreateGenerationInput) {
  const input = parseOrThrow(createGenerationInput, raw);
  const { brandId } = input;
  authorize(principal, "studio:use", brandId);
  await requireBudgetLeft(brandId, apiKeyIdOf(principal));
  await getUsableTemplateVersion(brandId, input.templateVersionId);
  const [created] = await db()
    .insert(generations)
    .values({
      brandId: brandId,
      createdBy: userIdOf(principal),
      apiKeyId: apiKeyIdOf(principal),
      templateVersionId: input.templateVersionId,
      brief: input.brief,
      assetIds: input.assetIds,
      audience: input.audience,
      unitKey: input.unitKey,
      idempotencyKey: input.idempotencyKey,
      autoSubmit: input.autoSubmit,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    const [existing] = await db()
      .select()
      .from(generations)
      .where(and(eq(generations.brandId, brandId), eq(generations.idempotencyKey, input.idempotencyKey!)));
    return existing!;
  }
  await sendJob("runGeneration", { actor: principalRefOf(principal, brandId), generationId: created.id });
  return created;
}
