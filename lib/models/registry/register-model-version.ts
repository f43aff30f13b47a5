import { and, eq } from "drizzle-orm";
import { modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { isOperatorModelUrl, type ConnectionReport } from "../providers/test-connection";
import { checkConnection, connectionError } from "./check-connection";
import { findModel } from "./find-model";
import { createEvaluatedVersion } from "./create-evaluated-version";
import type { ModelCaller } from "./model-caller";
import type { PublicModelVersion } from "./public-version";
import { registerVersionInput, type RegisterVersionInput } from "./register-version-input";

export interface RegisteredVersion {
  model: { id: string; slug: string };
  version: PublicModelVersion;
  evaluationId: string;
  connection: ConnectionReport;
}

/**
 * Registers a generation version from the REST API, the CLI or the admin form: the connection
 * is tested first (a failure is a 400 naming the field, and nothing is stored), then the
 * version and its `queued` evaluation are written in one transaction and the evaluation job
 * is sent. The built-in model server's own address (MODEL_BASE_URL) is stored as the
 * `builtin` provider, trusted like the demo versions; anything else is `openai-compatible`
 * behind the SSRF guard.
 */
export async function registerModelVersionFor(
  caller: ModelCaller,
  options: { model: string; input: RegisterVersionInput },
): Promise<RegisteredVersion> {
  const input = parseOrThrow(registerVersionInput, options.input);
  const model = await findModel(caller.brandId, options.model);
  if (model.kind !== "generation") {
    throw new AppError("validation_failed", "This is a personalisation model", [
      {
        path: "model",
        message:
          "must be a generation model (a personalisation version is uploaded to POST /api/v1/models/{model}/versions/onnx, or trained)",
      },
    ]);
  }
  // Before the (slow) connection test; the unique key decides a race at insert.
  if (input.version !== undefined) await assertNewTag(model.id, input.version);
  const connection = await checkConnection(input);
  if (!connection.ok) throw connectionError(connection, input);

  const builtin = isOperatorModelUrl(input.baseUrl);
  const { version, evaluationId } = await createEvaluatedVersion(
    caller,
    model.id,
    {
      kind: "generation",
      provider: builtin ? "builtin" : "openai-compatible",
      ...(!builtin && { baseUrl: input.baseUrl }),
      modelName: input.upstreamModel,
      tag: input.version,
      notes: input.notes,
      parameters: {
        ...(input.temperature !== undefined && { temperature: input.temperature }),
        ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
        structuredOutput: input.jsonMode,
      },
      secret: input.secretEnv
        ? { kind: "env", name: input.secretEnv }
        : input.apiKey
          ? { kind: "value", value: input.apiKey }
          : undefined,
      priceInputPerMillion: input.priceInputPerMillion ?? null,
      priceOutputPerMillion: input.priceOutputPerMillion ?? null,
    },
    // The endpoint and model name, never the key.
    () => ({ baseUrl: builtin ? "builtin" : input.baseUrl, upstreamModel: input.upstreamModel }),
  );
  return { model: { id: model.id, slug: model.slug }, version, evaluationId, connection };
}

async function assertNewTag(modelId: string, tag: string): Promise<void> {
  const [existing] = await db()
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.tag, tag)));
  if (existing)
    throw new AppError("conflict", `This model already has a version "${tag}"`, { path: "version" });
}
