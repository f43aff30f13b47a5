import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { insertModelVersion } from "./insert-model-version";
import type { ModelCaller } from "./model-caller";
import type { PublicModelVersion } from "./public-version";
import { queueModelEvaluation, sendEvaluationJob } from "./queue-model-evaluation";
import type { ModelVersionInput } from "./version-input";

/**
 * The common end of every registration (the REST API, the CLI, the admin form, an ONNX
 * upload): the version, its `queued` evaluation and the audit entry in one transaction, then
 * the evaluation job. `auditData` is what the entry says of the version beyond its model,
 * number, tag and evaluation — never a secret.
 */
export async function createEvaluatedVersion(
  caller: ModelCaller,
  modelId: string,
  input: ModelVersionInput,
  auditData: (version: PublicModelVersion) => Record<string, unknown>,
): Promise<{ version: PublicModelVersion; evaluationId: string }> {
  const created = await db().transaction(async (tx) => {
    const version = await insertModelVersion(tx, modelId, input, caller.userId);
    const evaluationId = await queueModelEvaluation(tx, { modelId, versionId: version.id });
    await appendAudit(tx, {
      brandId: caller.brandId,
      actor: caller.actor,
      action: "model.version_created",
      target: { type: "model_version", id: version.id },
      data: { modelId, version: version.version, tag: version.tag, ...auditData(version), evaluationId },
    });
    return { version, evaluationId };
  });
  await sendEvaluationJob(created.evaluationId, caller.jobActor);
  return created;
}
