/**
 * Uploading an ONNX file as a personalisation version over REST with a `models:write` key: a
 * file exported by Brandgate's own exporter registers with its SHA-256; a file whose input
 * does not match the feature schema is a 422 naming `onnx.inputs` with what was expected and
 * found; a file that is not ONNX is a 400 naming `onnx`; a generation model is refused. None
 * of the refusals stores a version or queues an evaluation.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelEvaluations, modelVersions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { describeFeatureSchema } from "@/lib/personalisation/describe-feature-schema";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";

let app: FastifyInstance;
let api: string;
let brandId: string;
const keys = { write: "", generateOnly: "" };
const schema = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function call(method: string, path: string, body?: unknown, key = keys.write) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, location: res.headers.get("location"), body: (await res.json()) as Body };
}

/** A model the project's own exporter writes, with weights that are not all zero. */
function exported(dimension = schema.dimension, fingerprint = schema.fingerprint) {
  const weights = Array.from({ length: dimension }, (_, i) => ((i % 7) - 3) / 10);
  return exportOnnx({
    model: { weights, bias: -1 },
    featureSchema: { version: schema.version, fingerprint, dimension },
  });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Versions and evaluations of the brand's models: a refusal must leave both unchanged. */
async function stored() {
  const [row] = await db().execute<{ versions: number; evaluations: number }>(sql`
    select
      (select count(*)::int from ${modelVersions} v join models m on m.id = v.model_id where m.brand_id = ${brandId}) as versions,
      (select count(*)::int from ${modelEvaluations} e join models m on m.id = e.model_id where m.brand_id = ${brandId}) as evaluations`);
  return row!;
}

beforeAll(async () => {
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  api = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  brandId = (await createBrand("Acme Upload")).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const key = async (scopes: ("generate" | "models:write")[]) =>
    (
      await createApiKey(admin, {
        brandId,
        name: "upload test",
        scopes,
        rateLimitPerMinute: 100_000,
        monthlyGenerationQuota: 1_000_000,
      })
    ).plaintext;
  keys.write = await key(["models:write", "generate"]);
  keys.generateOnly = await key(["generate"]);
  expect(
    (await call("POST", "/api/v1/models", { kind: "personalisation", name: "Acme Scorer" })).status,
  ).toBe(201);
  expect((await call("POST", "/api/v1/models", { kind: "generation", name: "Acme Copy" })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await stopSender();
});

describe("Upload an ONNX version over REST", () => {
  it("registers a file Brandgate's exporter wrote, recording its SHA-256", async () => {
    const file = exported();
    const before = await stored();
    const res = await call("POST", "/api/v1/models/acme-scorer/versions/onnx", {
      onnx: b64(file.bytes),
      version: "uploaded-1",
      notes: "from the notebook",
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      model: "acme-scorer",
      version: "uploaded-1",
      number: 1,
      state: "evaluating",
      statusUrl: "/api/v1/models/acme-scorer/versions/uploaded-1",
      sha256: file.sha256,
      inputs: [{ name: "features", type: "float", shape: ["N", schema.dimension] }],
      outputs: [{ name: "score", type: "float", shape: ["N", 1] }],
    });
    expect(res.location).toBe(res.body.statusUrl);
    expect(await stored()).toEqual({ versions: before.versions + 1, evaluations: before.evaluations + 1 });

    const [row] = await db()
      .select()
      .from(modelVersions)
      .where(
        sql`${modelVersions.modelId} = (select id from models where slug = 'acme-scorer' and brand_id = ${brandId})`,
      );
    expect(row!.artifactSha256).toBe(file.sha256);
    expect(createHash("sha256").update(row!.artifact!).digest("hex")).toBe(file.sha256);
    expect(row!.lineage).toMatchObject({ source: "upload" });
    expect(row!.featureSchema).toMatchObject({
      fingerprint: schema.fingerprint,
      dimension: schema.dimension,
    });

    const status = await call("GET", res.body.statusUrl);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ model: "acme-scorer", version: "uploaded-1" });
  });

  it("refuses a file whose input does not match the feature schema, naming it, and stores nothing", async () => {
    const before = await stored();
    const res = await call("POST", "/api/v1/models/acme-scorer/versions/onnx", {
      onnx: b64(exported(schema.dimension - 3).bytes),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("unprocessable");
    expect(res.body.error.details).toEqual([
      {
        path: "onnx.inputs",
        message: expect.stringContaining(`expected features: float[N,${schema.dimension}]`),
        expected: [`features: float[N,${schema.dimension}]`],
        found: [`features: float[N,${schema.dimension - 3}]`],
      },
    ]);
    expect(await stored()).toEqual(before);
  });

  it("refuses a file trained on another feature schema, naming the metadata", async () => {
    const before = await stored();
    const res = await call("POST", "/api/v1/models/acme-scorer/versions/onnx", {
      onnx: b64(exported(schema.dimension, "0".repeat(64)).bytes),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: "onnx.metadata",
        expected: [`brandgate.feature_schema_fingerprint=${schema.fingerprint}`],
        found: [`brandgate.feature_schema_fingerprint=${"0".repeat(64)}`],
      }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it("refuses a file that is not ONNX, a generation model and a key without models:write", async () => {
    const before = await stored();
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    for (const bytes of [png, Buffer.from("not a model at all, just some text\n")]) {
      const res = await call("POST", "/api/v1/models/acme-scorer/versions/onnx", { onnx: b64(bytes) });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: "onnx", message: expect.stringContaining("is not an ONNX model") },
      ]);
    }
    const notBase64 = await call("POST", "/api/v1/models/acme-scorer/versions/onnx", { onnx: "%%%" });
    expect(notBase64.status).toBe(400);
    expect(JSON.stringify(notBase64.body.error.details)).toContain("onnx");

    const good = b64(exported().bytes);
    const generation = await call("POST", "/api/v1/models/acme-copy/versions/onnx", { onnx: good });
    expect(generation.status).toBe(400);
    expect(generation.body.error.details).toEqual([
      { path: "model", message: expect.stringContaining("must be a personalisation model") },
    ]);
    const forbidden = await call(
      "POST",
      "/api/v1/models/acme-scorer/versions/onnx",
      { onnx: good },
      keys.generateOnly,
    );
    expect(forbidden.status).toBe(403);
    const unknown = await call("POST", "/api/v1/models/no-such-model/versions/onnx", { onnx: good });
    expect(unknown.status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});
