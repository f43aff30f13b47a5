import { z } from "zod";
import { modelKindEnum, type Model } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { modelPolicySchema } from "./model-policy";
import { insertModel } from "./insert-model";

export const createModelInput = z.object({
  brandId: z.uuid(),
  kind: z.enum(modelKindEnum.enumValues),
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w .-]+$/, "may use letters, digits, spaces, dots, dashes and underscores"),
  description: z.string().max(2000).default(""),
  /** Evaluation gates, autoCanary, retraining; defaults fill what is left out. */
  policy: modelPolicySchema.prefault({}),
});

export type CreateModelInput = z.input<typeof createModelInput>;

export async function createModel(principal: Principal | null, input: CreateModelInput): Promise<Model> {
  const values = parseOrThrow(createModelInput, input);
  authorize(principal, "models:manage", values.brandId);
  return db().transaction(async (tx) => {
    const model = await insertModel(tx, values);
    await appendAudit(tx, {
      brandId: model.brandId,
      actor: principal,
      action: "model.registered",
      target: { type: "model", id: model.id },
      data: { kind: model.kind, name: model.name },
    });
    return model;
  });
}
