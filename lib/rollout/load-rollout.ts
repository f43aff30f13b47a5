import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { models, rollouts, type RolloutRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { rolloutConfigSchema, type RolloutConfig } from "./rollout-config";

export type LoadedRollout = RolloutRow & {
  parsedConfig: RolloutConfig;
  modelKind: "generation" | "personalisation";
};

/** Reads and row-locks a rollout, so concurrent decisions about it take turns. */
export async function lockRollout(tx: Executor, rolloutId: string): Promise<LoadedRollout> {
  const [row] = await tx
    .select({ rollout: rollouts, kind: models.kind })
    .from(rollouts)
    .innerJoin(models, eq(models.id, rollouts.modelId))
    .where(eq(rollouts.id, rolloutId))
    .for("update", { of: rollouts });
  if (!row) throw new AppError("not_found", "No such rollout");
  return { ...row.rollout, parsedConfig: rolloutConfigSchema.parse(row.rollout.config), modelKind: row.kind };
}

/** The brand a rollout belongs to, for authorization before anything is locked. */
export async function rolloutBrand(tx: Executor, rolloutId: string): Promise<string> {
  const [row] = await tx
    .select({ brandId: rollouts.brandId })
    .from(rollouts)
    .where(eq(rollouts.id, rolloutId));
  if (!row) throw new AppError("not_found", "No such rollout");
  return row.brandId;
}
