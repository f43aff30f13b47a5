import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { modelLabelMoves, modelLabels, modelVersions, rollouts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { endRollout } from "@/lib/rollout/end-rollout";
import { lockRollout } from "@/lib/rollout/load-rollout";
import { findModel } from "@/lib/models/registry/find-model";
import { moveLabel } from "@/lib/models/registry/move-label";
import type { ModelCaller } from "@/lib/models/registry/model-caller";

export const rollbackInput = z.object({
  reason: z.string().trim().min(1).max(1000).default("rolled back"),
});

export interface RollbackResult {
  /** The rollout that was live and is now aborted, if any. */
  abortedRolloutId: string | null;
  /** Where stable pointed before and points now (the same when only a canary was aborted). */
  stable: {
    fromVersionId: string | null;
    toVersionId: string | null;
    fromVersionTag: string | null;
    toVersionTag: string | null;
  };
}

/**
 * Undoes the latest change to what a model serves, in one transaction: a live rollout (a
 * canary) is aborted, so every unit is served by stable again; with none live, the stable
 * label goes back to the version it pointed at before its last move. The model_labels and
 * model_routes triggers bump the brand's state version, so every instance's cached route
 * is stale at its next request. Audited.
 */
export async function rollbackModelFor(
  caller: ModelCaller,
  options: { model: string; reason?: string },
): Promise<RollbackResult> {
  const { reason } = parseOrThrow(rollbackInput, { reason: options.reason });
  const model = await findModel(caller.brandId, options.model);
  return db().transaction(async (tx) => {
    const tagOf = async (id: string | null) =>
      id
        ? ((
            await tx.select({ tag: modelVersions.tag }).from(modelVersions).where(eq(modelVersions.id, id))
          )[0]?.tag ?? null)
        : null;
    const audit = async (
      stable: { fromVersionId: string | null; toVersionId: string | null },
      abortedRolloutId: string | null,
    ) => {
      const result: RollbackResult = {
        abortedRolloutId,
        stable: {
          ...stable,
          fromVersionTag: await tagOf(stable.fromVersionId),
          toVersionTag: await tagOf(stable.toVersionId),
        },
      };
      await appendAudit(tx, {
        brandId: caller.brandId,
        actor: caller.actor,
        action: "model.rolled_back",
        target: { type: "model", id: model.id },
        data: { reason, ...result },
      });
      return result;
    };
    const [live] = await tx
      .select({ id: rollouts.id })
      .from(rollouts)
      .where(and(eq(rollouts.modelId, model.id), inArray(rollouts.status, ["active", "paused"])));
    const [stable] = await tx
      .select({ versionId: modelLabels.versionId })
      .from(modelLabels)
      .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.label, "stable")))
      .for("update");
    const current = stable?.versionId ?? null;
    if (live) {
      await endRollout(tx, {
        rollout: await lockRollout(tx, live.id),
        outcome: "abort",
        reasons: [{ code: "rollback", message: reason }],
        decidedBy: caller.labelActor.startsWith("user:") ? caller.labelActor : `system:${caller.labelActor}`,
        at: new Date(),
      });
      return audit({ fromVersionId: current, toVersionId: current }, live.id);
    }
    if (!current) throw new AppError("conflict", "This model has no stable version to roll back");
    const [last] = await tx
      .select({ fromVersionId: modelLabelMoves.fromVersionId })
      .from(modelLabelMoves)
      .where(
        and(
          eq(modelLabelMoves.modelId, model.id),
          eq(modelLabelMoves.label, "stable"),
          eq(modelLabelMoves.toVersionId, current),
        ),
      )
      .orderBy(desc(modelLabelMoves.movedAt), desc(modelLabelMoves.id))
      .limit(1);
    if (!last?.fromVersionId) {
      throw new AppError("conflict", "Stable has no previous version to go back to", { path: "model" });
    }
    await moveLabel(
      {
        model: model.id,
        label: "stable",
        versionId: last.fromVersionId,
        expectedVersionId: current,
        reason: `rollback: ${reason}`,
        actor: caller.labelActor,
      },
      tx,
    );
    return audit({ fromVersionId: current, toVersionId: last.fromVersionId }, null);
  });
}
