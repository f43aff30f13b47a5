import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import {
  modelEvaluations,
  modelLabelEnum,
  modelLabelMoves,
  modelLabels,
  models,
  modelVersions,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { ActorRecord } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const moveLabelInput = z.object({
  /** The model's id. */
  model: z.uuid(),
  label: z.enum(modelLabelEnum.enumValues),
  versionId: z.uuid(),
  reason: z.string().trim().min(1).max(1000),
  /** `user:<id>`, `key:<id>:<prefix>` (an API key), `rollout:<id>` or `system:<what>`. */
  actor: z.string().regex(/^(user|key|rollout|system):\S+$/, "must be user:…, key:…, rollout:… or system:…"),
  /**
   * Compare-and-set: when given, the move happens only if the label still points here
   * (null: only if the label is unset). A rollout passes what it read, so two concurrent
   * decisions cannot both win.
   */
  expectedVersionId: z.uuid().nullable().optional(),
});

export type MoveLabelInput = z.input<typeof moveLabelInput>;

export interface LabelMove {
  moved: boolean;
  fromVersionId: string | null;
  toVersionId: string;
}

/**
 * The only writer of model_labels (a test holds the codebase to that). Every move is
 * recorded in model_label_moves in the same transaction. Authorization belongs to the
 * caller (a rollout action, or the seed), which knows who is acting and why.
 */
export async function moveLabel(input: MoveLabelInput, database: Executor = db()): Promise<LabelMove> {
  const { model, label, versionId, reason, actor, expectedVersionId } = parseOrThrow(moveLabelInput, input);
  return database.transaction(async (tx) => {
    const [version] = await tx
      .select({ id: modelVersions.id, brandId: models.brandId, retiredAt: modelVersions.retiredAt })
      .from(modelVersions)
      .innerJoin(models, eq(models.id, modelVersions.modelId))
      .where(and(eq(modelVersions.id, versionId), eq(modelVersions.modelId, model)));
    if (!version) throw new AppError("not_found", "No such version of this model", { path: "versionId" });
    if (version.retiredAt) {
      throw new AppError("conflict", "This version is retired", { path: "versionId" });
    }
    // A version that failed its evaluation gate is rejected: no label may serve it.
    const [failed] = await tx
      .select({ id: modelEvaluations.id })
      .from(modelEvaluations)
      .where(and(eq(modelEvaluations.versionId, versionId), eq(modelEvaluations.status, "failed")));
    if (failed) {
      throw new AppError("conflict", "This version failed its evaluation and is rejected", {
        path: "versionId",
        evaluationId: failed.id,
      });
    }

    const where = and(eq(modelLabels.modelId, model), eq(modelLabels.label, label));
    const lock = () =>
      tx.select({ versionId: modelLabels.versionId }).from(modelLabels).where(where).for("update");
    // The row lock serialises concurrent moves of one label; a first setting races on the primary key.
    let [current] = await lock();
    if (!current) {
      const created = await tx
        .insert(modelLabels)
        .values({ modelId: model, label, versionId })
        .onConflictDoNothing()
        .returning({ versionId: modelLabels.versionId });
      if (created.length === 0) [current] = await lock();
    }
    const from = current?.versionId ?? null;
    if (expectedVersionId !== undefined && expectedVersionId !== from) {
      throw new AppError("conflict", `The ${label} label has moved since it was read`, {
        expectedVersionId,
        actualVersionId: from,
      });
    }
    if (from === versionId) return { moved: false, fromVersionId: from, toVersionId: versionId };
    if (from !== null) await tx.update(modelLabels).set({ versionId, movedAt: new Date() }).where(where);
    await tx
      .insert(modelLabelMoves)
      .values({ modelId: model, label, fromVersionId: from, toVersionId: versionId, reason, actor });
    await appendAudit(tx, {
      brandId: version.brandId,
      actor: auditActorFromLabelActor(actor),
      action: "model.label_moved",
      target: { type: "model", id: model },
      data: { label, fromVersionId: from, toVersionId: versionId, reason },
    });
    return { moved: true, fromVersionId: from, toVersionId: versionId };
  });
}

/** `user:<id>` is a person, `key:<id>:<prefix>` a key; a rollout's or the system's moves are the system's. */
function auditActorFromLabelActor(actor: string): ActorRecord {
  const [kind, ...rest] = actor.split(":");
  if (kind === "key") return { kind: "api_key", id: rest[0]!, prefix: rest.slice(1).join(":") };
  return kind === "user" ? { kind: "user", id: rest.join(":") } : { kind: "system", reason: actor };
}
