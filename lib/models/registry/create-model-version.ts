import { eq } from "drizzle-orm";
import { z } from "zod";
import { models } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { principalRefOf, type Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { assertPublicTarget } from "@/lib/http/target-guard";
import { queueModelEvaluation, sendEvaluationJob } from "./queue-model-evaluation";
import { insertModelVersion } from "./insert-model-version";
import type { PublicModelVersion } from "./public-version";
import type { ModelVersionInput } from "./version-input";

export interface CreateModelVersionInput {
  modelId: string;
  version: ModelVersionInput;
}

/**
 * Adds an immutable version and queues its evaluation gate (`models.evaluate.v1`) in the
 * same transaction; labels are not touched (a passing evaluation or a rollout moves them).
 */
export async function createModelVersion(
  principal: Principal | null,
  input: CreateModelVersionInput,
): Promise<PublicModelVersion> {
  const modelId = parseOrThrow(z.object({ modelId: z.uuid() }), input).modelId;
  const [model] = await db().select({ brandId: models.brandId }).from(models).where(eq(models.id, modelId));
  // Without a principal, say 401 before anything about the model's existence.
  if (!model) {
    if (!principal) authorize(principal, "models:manage", "");
    throw new AppError("not_found", "No such model");
  }
  authorize(principal, "models:manage", model.brandId);
  // Refused before anything is stored; called again on every request (lib/http/public-fetch).
  if (input.version.kind === "generation" && input.version.baseUrl) {
    await assertPublicTarget(input.version.baseUrl, {
      field: "version.baseUrl",
      what: "model base URL",
      allowPrivate: () => getEnv().MODEL_ALLOW_PRIVATE_BASE_URLS,
    });
  }
  const { version, evaluationId } = await db().transaction(async (tx) => {
    const version = await insertModelVersion(tx, modelId, input.version, principal.user.id);
    const evaluationId = await queueModelEvaluation(tx, { modelId, versionId: version.id });
    await appendAudit(tx, {
      brandId: model.brandId,
      actor: principal,
      action: "model.version_created",
      target: { type: "model_version", id: version.id },
      data: { modelId, version: version.version, kind: version.kind, evaluationId },
    });
    return { version, evaluationId };
  });
  await sendEvaluationJob(evaluationId, principalRefOf(principal, model.brandId));
  return version;
}
