import type { Executor } from "@/db/client";
import { modelRoutes } from "@/db/schema";

/** Upserts a model's route. Salt is the rollout's id, so each rollout reshuffles units once. */
export async function writeRoute(
  tx: Executor,
  route: { modelId: string; mode: "stable" | "split" | "shadow"; candidateWeight: number; salt: string },
): Promise<void> {
  const values = {
    mode: route.mode,
    candidateWeight: route.candidateWeight,
    salt: route.salt,
    updatedAt: new Date(),
  };
  await tx
    .insert(modelRoutes)
    .values({ modelId: route.modelId, ...values })
    .onConflictDoUpdate({ target: modelRoutes.modelId, set: values });
}
