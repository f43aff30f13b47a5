import { eq } from "drizzle-orm";
import { z } from "zod";
import { models } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { appendAudit } from "@/lib/audit/append-audit";
import { auditActorOf } from "@/lib/audit/actor";
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
  session: Session | null,
  input: CreateModelVersionInput,
): Promise<PublicModelVersion> {
  const modelId = parseOrThrow(z.object({ modelId: z.uuid() }), input).modelId;
  const [model] = await db().select({ brandId: models.brandId }).from(models).where(eq(models.id, modelId));
  // Without a session, say 401 before anything about the model's existence.
  if (!model) {
    if (!session) authorize(session, "models:manage", "");
    throw new AppError("not_found", "No such model");
  }
  authorize(session, "models:manage", model.brandId);
  // Refused before anything is stored; called again on every request (lib/http/public-fetch).
  if (input.version.kind === "generation" && input.version.baseUrl) {
    await assertPublicTarget(input.version.baseUrl, {
      field: "version.baseUrl",
      what: "model base URL",
      allowPrivate: () => getEnv().MODEL_ALLOW_PRIVATE_BASE_URLS,
    });
  }
  const { version, evaluationId } = await db().transaction(async (tx) => {
    const version = await insertModelVersion(tx, modelId, input.version, session!.user.id);
    const evaluationId = await queueModelEvaluation(tx, { modelId, versionId: version.id });
    await appendAudit(tx, {
      brandId: model.brandId,
      actor: auditActorOf(session!),
      action: "model.version_created",
      target: { type: "model_version", id: version.id },
      data: { modelId, version: version.version, kind: version.kind, evaluationId },
    });
    return { version, evaluationId };
  });
  await sendEvaluationJob(evaluationId, { kind: "user", userId: session!.user.id, brandId: model.brandId });
  return version;
}
