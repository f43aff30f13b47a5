import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { boundedObject } from "@/lib/input-limits";
import { generations } from "@/db/schema";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";
import { briefSchema } from "./brief";
import { generationCallerOf, type GenerationCaller } from "./generation-caller";

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

const generationFields = createGenerationInput.omit({ brandId: true });

/**
 * Accepts a brief and queues its generation. Only an approved template version is accepted.
 * With an idempotency key, a repeat returns the first generation instead of a second one.
 */
export async function createGeneration(session: Session | null, raw: CreateGenerationInput) {
  const { brandId, ...fields } = parseOrThrow(createGenerationInput, raw);
  return createGenerationFor(generationCallerOf(session, brandId, "studio:use"), fields);
}

export async function createGenerationFor(caller: GenerationCaller, raw: z.input<typeof generationFields>) {
  const input = parseOrThrow(generationFields, raw);
  await getUsableTemplateVersion(caller.brandId, input.templateVersionId);
  const [created] = await db()
    .insert(generations)
    .values({
      brandId: caller.brandId,
      createdBy: caller.createdBy,
      apiKeyId: caller.apiKeyId,
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
      .where(
        and(eq(generations.brandId, caller.brandId), eq(generations.idempotencyKey, input.idempotencyKey!)),
      );
    return existing!;
  }
  await sendJob("runGeneration", { actor: caller.actor, generationId: created.id });
  return created;
}
