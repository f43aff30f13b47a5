import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { modelLabels, modelVersions, rollouts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { findModel, findVersion } from "./find-model";
import type { ModelCaller } from "./model-caller";

export const retireVersionInput = z.object({ reason: z.string().trim().min(1, "say why").max(1000) });

/**
 * Retires a version: it keeps its row (revisions and attempts still name it) but no label may
 * point at it again. Refused while a label points at it or a live rollout tries it. Audited.
 */
export async function retireVersionFor(
  caller: ModelCaller,
  options: { model: string; version: string; reason: string },
): Promise<{ retiredAt: Date }> {
  const { reason } = parseOrThrow(retireVersionInput, { reason: options.reason });
  const model = await findModel(caller.brandId, options.model);
  const version = await findVersion(model.id, options.version);
  return db().transaction(async (tx) => {
    // The label rows are locked so a concurrent move cannot point at the version meanwhile.
    const labels = await tx
      .select({ label: modelLabels.label })
      .from(modelLabels)
      .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.versionId, version.id)))
      .for("update");
    if (labels.length > 0) {
      throw new AppError(
        "conflict",
        `The ${labels.map((l) => l.label).join(" and ")} label points at this version`,
        {
          path: "version",
        },
      );
    }
    const [live] = await tx
      .select({ id: rollouts.id })
      .from(rollouts)
      .where(
        and(
          inArray(rollouts.status, ["active", "paused"]),
          or(eq(rollouts.candidateVersionId, version.id), eq(rollouts.stableVersionId, version.id)),
        ),
      );
    if (live)
      throw new AppError("conflict", "A live rollout uses this version", {
        path: "version",
        rolloutId: live.id,
      });
    const [row] = await tx
      .update(modelVersions)
      .set({ retiredAt: new Date() })
      .where(and(eq(modelVersions.id, version.id), isNull(modelVersions.retiredAt)))
      .returning({ retiredAt: modelVersions.retiredAt });
    if (!row) throw new AppError("conflict", "This version is already retired", { path: "version" });
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: "model.version_retired",
      target: { type: "model_version", id: version.id },
      data: { modelId: model.id, tag: version.tag, reason },
    });
    return { retiredAt: row.retiredAt! };
  });
}
