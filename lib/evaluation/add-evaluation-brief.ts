import { z } from "zod";
import { evaluationBriefs, type EvaluationBrief } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";

export const addEvaluationBriefInput = z.object({
  brandId: z.uuid(),
  template: z.string().trim().min(1).max(100),
  summary: z.string().trim().min(10, "Describe the piece in at least 10 characters").max(2000),
  audience: z.string().trim().max(500).optional(),
});
export type AddEvaluationBriefInput = z.input<typeof addEvaluationBriefInput>;

/** Adds a brief to the brand's evaluation set; every later evaluation runs it too. */
export async function addEvaluationBrief(
  principal: Principal | null,
  input: AddEvaluationBriefInput,
): Promise<EvaluationBrief> {
  const values = parseOrThrow(addEvaluationBriefInput, input);
  authorize(principal, "models:manage", values.brandId);
  const keys = (await loadStarterTemplates()).map((s) => s.key);
  if (!keys.includes(values.template)) {
    throw new AppError("validation_failed", "No such starter template", [
      { path: "template", message: `must be one of ${keys.join(", ")}` },
    ]);
  }
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationBriefs)
      .values({
        brandId: values.brandId,
        template: values.template,
        summary: values.summary,
        audience: values.audience ? { segment: values.audience } : null,
        createdBy: principal.user.id,
      })
      .returning();
    await appendAudit(tx, {
      brandId: values.brandId,
      actor: principal,
      action: "model.evaluation_brief_added",
      target: { type: "evaluation_brief", id: row!.id },
      data: { template: values.template },
    });
    return row!;
  });
}
