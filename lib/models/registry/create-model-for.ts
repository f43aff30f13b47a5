import { z } from "zod";
import { modelKindEnum, type Model } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { modelPolicySchema } from "./model-policy";
import { insertModel } from "./insert-model";
import type { ModelCaller } from "./model-caller";
import { modelSlugSchema } from "./model-slug";

export const createModelForInput = z.object({
  kind: z.enum(modelKindEnum.enumValues),
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w .-]+$/, "may use letters, digits, spaces, dots, dashes and underscores"),
  /** The OpenAI `model` id clients will send; derived from the name when left out. */
  slug: modelSlugSchema.optional(),
  description: z.string().max(2000).default(""),
  /** Evaluation gates, autoCanary and its weight, retraining; defaults fill what is left out. */
  policy: modelPolicySchema.prefault({}),
});

export type CreateModelForInput = z.input<typeof createModelForInput>;

/** A new model in the caller's brand (an admin, or a key with `models:write`); audited. */
export async function createModelFor(caller: ModelCaller, raw: CreateModelForInput): Promise<Model> {
  const values = parseOrThrow(createModelForInput, raw);
  return db().transaction(async (tx) => {
    const model = await insertModel(tx, { ...values, brandId: caller.brandId });
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: "model.registered",
      target: { type: "model", id: model.id },
      data: { kind: model.kind, name: model.name, slug: model.slug },
    });
    return model;
  });
}
