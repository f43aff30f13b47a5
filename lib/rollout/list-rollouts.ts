import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { models, rollouts, rolloutStatusEnum, type RolloutRow } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { rolloutConfigSchema } from "./rollout-config";
import { stageOf } from "./stage";

export const listRolloutsInput = z.object({
  brandId: z.uuid(),
  modelId: z.uuid().optional(),
  status: z.enum(rolloutStatusEnum.enumValues).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type RolloutSummary = RolloutRow & {
  modelName: string;
  /** Percent of new units the candidate gets now (0 unless active; shadow mirrors, serving none). */
  candidateWeight: number;
};

/** The brand's rollouts, newest first. */
export async function listRollouts(
  principal: Principal | null,
  raw: z.input<typeof listRolloutsInput>,
): Promise<RolloutSummary[]> {
  const input = parseOrThrow(listRolloutsInput, raw);
  authorize(principal, "rollouts:manage", input.brandId);
  const where: SQL[] = [eq(rollouts.brandId, input.brandId)];
  if (input.modelId) where.push(eq(rollouts.modelId, input.modelId));
  if (input.status) where.push(eq(rollouts.status, input.status));
  const rows = await db()
    .select({ rollout: rollouts, modelName: models.name })
    .from(rollouts)
    .innerJoin(models, eq(models.id, rollouts.modelId))
    .where(and(...where))
    .orderBy(desc(rollouts.startedAt))
    .limit(input.limit);
  return rows.map(({ rollout, modelName }) => ({
    ...rollout,
    modelName,
    candidateWeight: currentWeight(rollout),
  }));
}

export function currentWeight(r: RolloutRow): number {
  if (r.status !== "active" || r.strategy === "shadow") return 0;
  return stageOf(r, rolloutConfigSchema.parse(r.config)).weight;
}
