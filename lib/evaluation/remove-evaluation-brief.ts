import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { evaluationBriefs } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const removeEvaluationBriefInput = z.object({ brandId: z.uuid(), briefId: z.uuid() });
export type RemoveEvaluationBriefInput = z.input<typeof removeEvaluationBriefInput>;

/** Removes one of the brand's briefs; evaluations already run keep the set hash they used. */
export async function removeEvaluationBrief(
  principal: Principal | null,
  input: RemoveEvaluationBriefInput,
): Promise<void> {
  const { brandId, briefId } = parseOrThrow(removeEvaluationBriefInput, input);
  authorize(principal, "models:manage", brandId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .delete(evaluationBriefs)
      .where(and(eq(evaluationBriefs.id, briefId), eq(evaluationBriefs.brandId, brandId)))
      .returning({ id: evaluationBriefs.id, template: evaluationBriefs.template });
    if (!row) throw new AppError("not_found", "No such evaluation brief", { path: "briefId" });
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "model.evaluation_brief_removed",
      target: { type: "evaluation_brief", id: row.id },
      data: { template: row.template },
    });
  });
}
