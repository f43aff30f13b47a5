import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { modelPolicySchema } from "@/lib/models/registry/model-policy";
import { createModelFor, createModelForInput } from "@/lib/models/registry/create-model-for";
import { getVersionStatusFor, type VersionStatus } from "@/lib/rollout/get-version-status";
import { listModelCatalog } from "@/lib/models/registry/list-model-catalog";
import { modelCallerOf, modelReaderOf } from "@/lib/models/registry/model-caller";
import { moveLabelFor, moveLabelForInput } from "@/lib/models/registry/move-label-for";
import { registerModelVersionFor } from "@/lib/models/registry/register-model-version";
import { registerVersionInput } from "@/lib/models/registry/register-version-input";
import { retireVersionFor, retireVersionInput } from "@/lib/models/registry/retire-version";
import { rollbackInput, rollbackModelFor } from "@/lib/rollout/rollback-model";
import { getTrainingStatusFor } from "@/lib/personalisation/get-training-status-for";
import { queueTrainingFor, trainNowInput } from "@/lib/personalisation/queue-training-for";
import { uploadOnnxInput, uploadOnnxVersionFor } from "@/lib/personalisation/upload-onnx-version-for";
import { MAX_ONNX_BYTES } from "@/lib/input-limits";
import { callerBrand } from "./caller-brand";

const write = {
  config: { auth: { scope: "models:write" as const } },
  tags: ["models"],
  security: [{ apiKey: [] }],
};
const WRITE = "Needs an API key with the `models:write` scope (or an admin's session).";

const catalogModel = z.object({
  id: z.string().describe("The model's slug: what a client sends as `model`"),
  object: z.literal("model"),
  created: z.number().int(),
  owned_by: z.literal("brandgate"),
  name: z.string(),
  kind: z.enum(["generation", "personalisation"]),
  labels: z.record(z.string(), z.string()).describe("Label (`stable`, `candidate`) → version"),
  versions: z.array(
    z.object({
      version: z.string(),
      number: z.number().int(),
      evaluation: z.string().nullable(),
      retired: z.boolean(),
      canary: z.boolean(),
    }),
  ),
});

const modelRef = z.object({ model: z.string().min(1).max(100) });
const versionRef = modelRef.extend({ version: z.string().min(1).max(64) });

const gate = z.object({
  name: z.string(),
  op: z.string(),
  threshold: z.number(),
  value: z.number().nullable(),
  passed: z.boolean(),
});
const versionStatus = z.object({
  model: z.string(),
  version: z.string(),
  number: z.number().int(),
  state: z.enum(["evaluating", "rejected", "error", "ready", "canary", "stable", "retired"]),
  labels: z.array(z.string()),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  upstream: z.object({ baseUrl: z.string().nullable(), upstreamModel: z.string() }).nullable(),
  evaluation: z
    .object({
      id: z.string().uuid(),
      status: z.string(),
      summary: z.string().nullable(),
      failedGates: z.array(z.string()),
      gates: z.array(gate),
    })
    .nullable(),
  rollout: z
    .object({ id: z.string().uuid(), status: z.string(), strategy: z.string(), weight: z.number() })
    .nullable(),
  createdAt: z.string(),
});

const statusPath = (model: string, version: string) =>
  `/api/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;

function toStatus(s: VersionStatus): z.infer<typeof versionStatus> {
  return {
    model: s.model.slug,
    version: s.version.tag,
    number: s.version.version,
    state: s.state,
    labels: s.labels,
    progress: s.progress,
    upstream: s.version.generation
      ? { baseUrl: s.version.generation.baseUrl, upstreamModel: s.version.generation.modelName }
      : null,
    evaluation: s.evaluation && {
      id: s.evaluation.id,
      status: s.evaluation.status,
      summary: s.evaluation.summary,
      failedGates: s.evaluation.failedGates,
      gates: s.evaluation.gates.map((g) => ({
        name: g.name,
        op: g.op,
        threshold: g.threshold,
        value: g.value,
        passed: g.passed,
      })),
    },
    rollout: s.rollout,
    createdAt: s.version.createdAt.toISOString(),
  };
}

/** The model registry for pipelines and apps: list, create, register versions, labels, rollback. */
export async function registerModelRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/models",
    {
      config: { auth: { scope: "generate" } },
      schema: {
        summary: "The models this key may use (OpenAI's list shape)",
        description:
          "Needs the `generate` scope. `id` is the model's slug; Brandgate's kind, labels and versions ride along.",
        tags: ["models"],
        security: [{ apiKey: [] }],
        response: { 200: z.object({ object: z.literal("list"), data: z.array(catalogModel) }) },
      },
    },
    async (req) => listModelCatalog(modelReaderOf(req.principal, callerBrand(req))),
  );

  api.post(
    "/api/v1/models",
    {
      config: write.config,
      schema: {
        summary: "Create a model (generation or personalisation) in the key's brand",
        description: `${WRITE} The slug (derived from the name when left out) is the model's id in these paths and as the OpenAI \`model\`. Honours \`Idempotency-Key\`.`,
        tags: write.tags,
        security: write.security,
        body: createModelForInput.extend({ policy: modelPolicySchema.optional() }),
        response: {
          201: z.object({
            id: z.string(),
            uuid: z.string().uuid(),
            name: z.string(),
            kind: z.enum(["generation", "personalisation"]),
            createdAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      const model = await createModelFor(modelCallerOf(req.principal, callerBrand(req)), req.body);
      return reply.code(201).header("location", `/api/v1/models/${model.slug}`).send({
        id: model.slug,
        uuid: model.id,
        name: model.name,
        kind: model.kind,
        createdAt: model.createdAt.toISOString(),
      });
    },
  );

  api.post(
    "/api/v1/models/:model/versions",
    {
      config: write.config,
      schema: {
        summary: "Register a generation version and queue its evaluation",
        description: `${WRITE} Tests the connection first (lists the endpoint's models, makes one tiny completion): a failure is a 400 naming the field (\`baseUrl\`, \`apiKey\`/\`secretEnv\`, \`upstreamModel\`) with the endpoint's own error, and nothing is stored. The key (\`apiKey\`) is sealed and never shown again; \`secretEnv\` names a server variable under \`BRANDGATE_PROVIDER_\`. Answers 202 with the status URL in \`Location\`.`,
        tags: write.tags,
        security: write.security,
        params: modelRef,
        body: registerVersionInput,
        response: {
          202: z.object({
            model: z.string(),
            version: z.string(),
            number: z.number().int(),
            state: z.literal("evaluating"),
            statusUrl: z.string(),
            evaluationId: z.string().uuid(),
            connection: z.object({
              latencyMs: z.number(),
              models: z.array(z.string()).nullable(),
              completionLatencyMs: z.number().nullable(),
            }),
          }),
        },
      },
    },
    async (req, reply) => {
      const done = await registerModelVersionFor(modelCallerOf(req.principal, callerBrand(req)), {
        model: req.params.model,
        input: req.body,
      });
      const statusUrl = statusPath(done.model.slug, done.version.tag);
      return reply
        .code(202)
        .header("location", statusUrl)
        .send({
          model: done.model.slug,
          version: done.version.tag,
          number: done.version.version,
          state: "evaluating" as const,
          statusUrl,
          evaluationId: done.evaluationId,
          connection: {
            latencyMs: done.connection.latencyMs,
            models: done.connection.models,
            completionLatencyMs: done.connection.completion?.latencyMs ?? null,
          },
        });
    },
  );

  api.post(
    "/api/v1/models/:model/versions/onnx",
    {
      config: write.config,
      schema: {
        summary: "Upload an ONNX file as a version of a personalisation model, and queue its evaluation",
        description: `${WRITE} The file (base64 in \`onnx\`, at most ${MAX_ONNX_BYTES} bytes) must take one float input \`features\` of shape [N, D], D being the feature schema's dimension, give a float output \`score\` of shape [N, 1], carry the schema's fingerprint as metadata \`brandgate.feature_schema_fingerprint\` (Brandgate's own exported models do), and run in onnxruntime. A mismatch is a 422 whose \`details\` name the field (\`onnx.inputs\`, \`onnx.outputs\`, \`onnx.metadata\`) with what was expected and what was found; a file that is not ONNX is a 400 naming \`onnx\`; nothing is stored either way. Its SHA-256 is recorded with the version. Answers 202 with the status URL in \`Location\`.`,
        tags: write.tags,
        security: write.security,
        params: modelRef,
        body: uploadOnnxInput,
        response: {
          202: z.object({
            model: z.string(),
            version: z.string(),
            number: z.number().int(),
            state: z.literal("evaluating"),
            statusUrl: z.string(),
            evaluationId: z.string().uuid(),
            sha256: z.string().describe("Lower-case hex SHA-256 of the file as stored"),
            inputs: z.array(
              z.object({
                name: z.string(),
                type: z.string(),
                shape: z.array(z.union([z.number(), z.string()])),
              }),
            ),
            outputs: z.array(
              z.object({
                name: z.string(),
                type: z.string(),
                shape: z.array(z.union([z.number(), z.string()])),
              }),
            ),
          }),
        },
      },
    },
    async (req, reply) => {
      const done = await uploadOnnxVersionFor(modelCallerOf(req.principal, callerBrand(req)), {
        model: req.params.model,
        input: req.body,
      });
      const statusUrl = statusPath(done.model.slug, done.version.tag);
      return reply
        .code(202)
        .header("location", statusUrl)
        .send({
          model: done.model.slug,
          version: done.version.tag,
          number: done.version.version,
          state: "evaluating" as const,
          statusUrl,
          evaluationId: done.evaluationId,
          sha256: done.sha256,
          inputs: done.interface.inputs,
          outputs: done.interface.outputs,
        });
    },
  );

  api.get(
    "/api/v1/models/:model/versions/:version",
    {
      config: write.config,
      schema: {
        summary:
          "A version's state: evaluating (with progress), rejected (with the report), ready, canary, stable, retired",
        description: `${WRITE} Poll it after registering; \`error\` means the evaluation run itself broke (not the version's verdict).`,
        tags: write.tags,
        security: write.security,
        params: versionRef,
        response: { 200: versionStatus },
      },
    },
    async (req) =>
      toStatus(await getVersionStatusFor(modelCallerOf(req.principal, callerBrand(req)), req.params)),
  );

  api.post(
    "/api/v1/models/:model/rollback",
    {
      config: write.config,
      schema: {
        summary: "Roll back: abort the live rollout, or move stable back to the previous stable version",
        description: `${WRITE} Effective at the next request on every instance. Audited.`,
        tags: write.tags,
        security: write.security,
        params: modelRef,
        body: rollbackInput.optional(),
        response: {
          200: z.object({
            abortedRolloutId: z.string().uuid().nullable(),
            stable: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
          }),
        },
      },
    },
    async (req) => {
      const caller = modelCallerOf(req.principal, callerBrand(req));
      const result = await rollbackModelFor(caller, { model: req.params.model, reason: req.body?.reason });
      return {
        abortedRolloutId: result.abortedRolloutId,
        stable: { from: result.stable.fromVersionTag, to: result.stable.toVersionTag },
      };
    },
  );

  api.post(
    "/api/v1/models/:model/train",
    {
      config: write.config,
      schema: {
        summary: "Train a personalisation model now on its recent events",
        description: `${WRITE} Queues the training job the retraining schedule runs (over the policy's \`retrainWindowDays\` unless \`windowDays\` says otherwise); the trained version is registered and evaluated like any other. A generation model is refused (400 naming \`model\`). Answers 202 with the run's status URL in \`Location\`.`,
        tags: write.tags,
        security: write.security,
        params: modelRef,
        body: trainNowInput.optional(),
        response: {
          202: z.object({
            model: z.string(),
            jobId: z.string().uuid(),
            state: z.literal("queued"),
            statusUrl: z.string(),
            windowStart: z.string(),
            windowEnd: z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      const queued = await queueTrainingFor(modelCallerOf(req.principal, callerBrand(req)), {
        model: req.params.model,
        input: req.body,
      });
      const statusUrl = `/api/v1/models/${encodeURIComponent(queued.slug)}/training/${queued.jobId}`;
      return reply
        .code(202)
        .header("location", statusUrl)
        .send({
          model: queued.slug,
          jobId: queued.jobId,
          state: "queued" as const,
          statusUrl,
          windowStart: queued.windowStart.toISOString(),
          windowEnd: queued.windowEnd.toISOString(),
        });
    },
  );

  api.get(
    "/api/v1/models/:model/training/:job",
    {
      config: write.config,
      schema: {
        summary:
          "A training run's state: queued, running, succeeded (with the version it registered) or failed",
        description: `${WRITE} Poll it after \`POST /api/v1/models/{model}/train\`; the new version's own status URL follows its evaluation.`,
        tags: write.tags,
        security: write.security,
        params: modelRef.extend({ job: z.string().min(1).max(64) }),
        response: {
          200: z.object({
            jobId: z.string(),
            state: z.enum(["queued", "running", "succeeded", "failed"]),
            model: z.string(),
            version: z.string().nullable(),
            versionStatusUrl: z.string().nullable(),
            error: z.string().nullable(),
            queuedAt: z.string(),
            finishedAt: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const s = await getTrainingStatusFor(modelCallerOf(req.principal, callerBrand(req)), {
        model: req.params.model,
        jobId: req.params.job,
      });
      return {
        jobId: s.jobId,
        state: s.state,
        model: s.model,
        version: s.version?.tag ?? null,
        versionStatusUrl: s.version ? statusPath(s.model, s.version.tag) : null,
        error: s.error,
        queuedAt: new Date(s.queuedAt).toISOString(),
        finishedAt: s.finishedAt ? new Date(s.finishedAt).toISOString() : null,
      };
    },
  );

  api.post(
    "/api/v1/models/:model/labels",
    {
      config: write.config,
      schema: {
        summary: "Move a label (`stable`, `candidate`) to a version by hand, with a reason",
        description: `${WRITE} A rejected or retired version is refused. Audited.`,
        tags: write.tags,
        security: write.security,
        params: modelRef,
        body: moveLabelForInput,
        response: { 200: z.object({ moved: z.boolean(), label: z.string(), version: z.string() }) },
      },
    },
    async (req) => {
      const move = await moveLabelFor(modelCallerOf(req.principal, callerBrand(req)), {
        model: req.params.model,
        input: req.body,
      });
      return { moved: move.moved, label: req.body.label, version: req.body.version };
    },
  );

  api.post(
    "/api/v1/models/:model/versions/:version/retire",
    {
      config: write.config,
      schema: {
        summary: "Retire a version: no label may point at it again",
        description: `${WRITE} Refused (409) while a label points at it or a live rollout uses it. Audited.`,
        tags: write.tags,
        security: write.security,
        params: versionRef,
        body: retireVersionInput,
        response: { 200: z.object({ version: z.string(), retiredAt: z.string() }) },
      },
    },
    async (req) => {
      const done = await retireVersionFor(modelCallerOf(req.principal, callerBrand(req)), {
        ...req.params,
        reason: req.body.reason,
      });
      return { version: req.params.version, retiredAt: done.retiredAt.toISOString() };
    },
  );
}
