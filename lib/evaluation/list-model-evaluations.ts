import { desc, eq } from "drizzle-orm";
import { modelEvaluations, models, modelVersions, type EvaluationStatus } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { Gate } from "./compute-gates";

export interface EvaluationSummary {
  id: string;
  modelId: string;
  versionId: string;
  version: number;
  status: EvaluationStatus;
  setVersion: string | null;
  gates: Gate[];
  summary: string | null;
  canary: unknown;
  finishedAt: Date | null;
}

/** Every evaluation of the brand's models, newest first, without the per-brief detail. */
export async function listModelEvaluations(
  principal: Principal | null,
  brandId: string,
): Promise<EvaluationSummary[]> {
  authorize(principal, "models:manage", brandId);
  const rows = await db()
    .select({ evaluation: modelEvaluations, version: modelVersions.version })
    .from(modelEvaluations)
    .innerJoin(models, eq(models.id, modelEvaluations.modelId))
    .innerJoin(modelVersions, eq(modelVersions.id, modelEvaluations.versionId))
    .where(eq(models.brandId, brandId))
    .orderBy(desc(modelEvaluations.createdAt))
    .limit(500);
  return rows.map(({ evaluation: e, version }) => {
    const report = e.report ?? {};
    return {
      id: e.id,
      modelId: e.modelId,
      versionId: e.versionId,
      version,
      status: e.status,
      setVersion: e.setVersion,
      gates: e.gates ?? [],
      summary: report.summary ?? report.error ?? null,
      canary: report.canary ?? null,
      finishedAt: e.finishedAt,
    };
  });
}
