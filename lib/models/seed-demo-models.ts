import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { models } from "@/db/schema";
import { insertModel } from "./registry/insert-model";
import { insertModelVersion } from "./registry/insert-model-version";
import { moveLabel } from "./registry/move-label";

export const DEMO_MODEL_NAME = "Brandgate Copy";

const version = (modelName: string, notes: string) => ({
  kind: "generation" as const,
  provider: "builtin" as const,
  modelName,
  notes,
  parameters: { temperature: 0.7, maxTokens: 400, structuredOutput: "json_schema" as const },
  resilience: { attemptTimeoutMs: 10_000, deadlineMs: 20_000, maxRetries: 2 },
});

/**
 * Registers the built-in model for a brand: v1 (`brandgate-copy-1`) labelled stable and v2
 * (`brandgate-copy-2`, wordier, slips banned terms) labelled candidate, so a demo rollout
 * has something to find. Does nothing when the brand already has the model.
 */
export async function seedDemoModels(database: Database, brandId: string) {
  const [existing] = await database
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.brandId, brandId), eq(models.name, DEMO_MODEL_NAME)));
  if (existing) return { modelId: existing.id, created: false };
  const model = await insertModel(database, {
    brandId,
    kind: "generation",
    name: DEMO_MODEL_NAME,
    description: "The built-in copy model (CPU, loopback)",
  });
  const v1 = await insertModelVersion(database, model.id, version("brandgate-copy-1", "Concise"), null);
  const v2 = await insertModelVersion(database, model.id, version("brandgate-copy-2", "Wordier"), null);
  const move = { model: model.id, actor: "system:seed", reason: "Demo data" };
  await moveLabel({ ...move, label: "stable", versionId: v1.id }, database);
  await moveLabel({ ...move, label: "candidate", versionId: v2.id }, database);
  return { modelId: model.id, created: true, stableVersionId: v1.id, candidateVersionId: v2.id };
}
