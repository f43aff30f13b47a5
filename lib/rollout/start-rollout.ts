import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import {
  modelLabels,
  models,
  modelVersions,
  rollouts,
  rolloutStrategyEnum,
  type RolloutRow,
} from "@/db/schema";
import { authorize, membershipOf } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { isConstraintViolation } from "@/lib/models/registry/is-constraint-violation";
import { moveLabel } from "@/lib/models/registry/move-label";
import { METRICS } from "./metrics";
import { initialWatermarks } from "./roll-up-metrics";
import { rolloutConfigSchema } from "./rollout-config";
import { recordDecision } from "./record-decision";
import { routeOf } from "./stage";
import { writeRoute } from "./write-route";

export const startRolloutInput = z.object({
  brandId: z.uuid(),
  modelId: z.uuid(),
  candidateVersionId: z.uuid(),
  strategy: z.enum(rolloutStrategyEnum.enumValues),
  config: rolloutConfigSchema,
  /** For tests and replays; defaults to the clock. */
  now: z.date().optional(),
});

export type StartRolloutInput = z.input<typeof startRolloutInput>;

/** Who starts a rollout: an admin, or the evaluation job after a version passed its gates. */
export type RolloutStarter =
  { kind: "user"; userId: string; role: string } | { kind: "system"; reason: string };

/**
 * Starts a rollout of `candidateVersionId` against the model's current stable version:
 * points the `candidate` label at it and routes traffic per strategy (canary: split at the
 * first step's weight; ab: split at the fixed weight; shadow: mirror; blue_green: split at
 * 100, i.e. every new assignment to the candidate, switched back at once on abort).
 */
export async function startRollout(principal: Principal | null, raw: StartRolloutInput): Promise<RolloutRow> {
  const input = parseOrThrow(startRolloutInput, raw);
  authorize(principal, "rollouts:manage", input.brandId);
  const membership = membershipOf(principal, input.brandId);
  return db().transaction((tx) =>
    openRollout(tx, input, { kind: "user", userId: principal.user.id, role: membership.role }),
  );
}

/**
 * The rollout itself, in the caller's transaction, for a starter already authorized: the
 * evaluation job opens its canary in the same transaction as its verdict.
 */
export async function openRollout(
  tx: Executor,
  raw: StartRolloutInput,
  by: RolloutStarter,
): Promise<RolloutRow> {
  const input = parseOrThrow(startRolloutInput, raw);
  const { config, strategy } = input;
  const issues: { path: string; message: string }[] = [];
  if (strategy === "canary" && !config.steps)
    issues.push({ path: "config.steps", message: "required for canary" });
  if (strategy === "canary" && config.steps)
    config.steps.forEach((s, i) => {
      if (i > 0 && s.weight <= config.steps![i - 1]!.weight)
        issues.push({
          path: `config.steps.${i}.weight`,
          message: "must be above the previous step's weight",
        });
    });
  if (strategy === "ab" && config.abWeight === undefined)
    issues.push({ path: "config.abWeight", message: "required for ab" });
  const ids = [config.primaryMetric, ...config.guardrails.map((g) => g.metric)];
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      issues.push({ path: `config.guardrails.${i - 1}.metric`, message: `${id} is used twice` });
  });
  ids.forEach((id, i) => {
    const path = i === 0 ? "config.primaryMetric" : `config.guardrails.${i - 1}.metric`;
    const source = METRICS[id].source;
    if (strategy === "shadow" && source !== "attempts" && source !== "preferences")
      issues.push({
        path,
        message:
          "shadow outputs are never served, so only operations metrics and reviewers' blind preference can be measured",
      });
    if (strategy !== "shadow" && source === "preferences")
      issues.push({
        path,
        message: "blind comparisons need both versions' answers to the same brief: use the shadow strategy",
      });
  });
  if (issues.length > 0) throw new AppError("validation_failed", "The rollout config is not valid", issues);

  const now = input.now ?? new Date();
  const actor = by.kind === "user" ? `user:${by.userId}` : `system:${by.reason}`;
  const [model] = await tx
    .select()
    .from(models)
    .where(and(eq(models.id, input.modelId), eq(models.brandId, input.brandId)));
  if (!model)
    throw new AppError("not_found", "No such model in this brand", [
      { path: "modelId", message: "not found" },
    ]);
  const [version] = await tx
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.id, input.candidateVersionId), eq(modelVersions.modelId, model.id)));
  if (!version)
    throw new AppError("not_found", "That version does not belong to this model", [
      { path: "candidateVersionId", message: "not a version of this model" },
    ]);
  const [stable] = await tx
    .select({ versionId: modelLabels.versionId })
    .from(modelLabels)
    .where(and(eq(modelLabels.modelId, model.id), eq(modelLabels.label, "stable")));
  if (!stable) throw new AppError("conflict", "This model has no stable version to roll out against");
  if (stable.versionId === version.id)
    throw new AppError("validation_failed", "The candidate is already the stable version", [
      { path: "candidateVersionId", message: "is the stable version" },
    ]);

  let row: RolloutRow;
  try {
    [row] = (await tx
      .insert(rollouts)
      .values({
        brandId: input.brandId,
        modelId: model.id,
        stableVersionId: stable.versionId,
        candidateVersionId: version.id,
        strategy,
        config,
        stepStartedAt: now,
        startedAt: now,
        watermarks: await initialWatermarks(tx, now),
        createdBy: by.kind === "user" ? by.userId : null,
      })
      .returning()) as [RolloutRow];
  } catch (err) {
    if (isConstraintViolation(err, "23505"))
      throw new AppError("conflict", "This model already has an active or paused rollout", {
        modelId: model.id,
      });
    throw err;
  }
  await moveLabel(
    {
      model: model.id,
      label: "candidate",
      versionId: version.id,
      reason: `rollout ${row.id} started`,
      actor,
    },
    tx,
  );
  const route = routeOf(row, config);
  await writeRoute(tx, { modelId: model.id, ...route, salt: row.id });
  await recordDecision(tx, {
    rollout: row,
    at: now,
    decision: "started",
    step: { before: 0, after: 0 },
    weight: { before: 0, after: route.candidateWeight },
    reasons: [
      {
        code: "started",
        message: `${strategy} rollout started by ${by.kind === "user" ? by.role : by.reason}`,
      },
    ],
    decidedBy: actor,
  });
  return row;
}
