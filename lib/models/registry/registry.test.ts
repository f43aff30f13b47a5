import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { modelLabelMoves, modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { createModel } from "./create-model";
import { createModelVersion } from "./create-model-version";
import { getVersionByLabel } from "./get-version-by-label";
import { listModels } from "./list-models";
import { moveLabel } from "./move-label";
import { publicModelVersionSchema } from "./public-version";

async function admin() {
  const brand = await createBrand();
  const user = await createUser(brand.id, "admin");
  const session = (await (await signedIn(user.id)).session())!;
  return { brand, user, session };
}

const generation = (modelName: string) => ({
  kind: "generation" as const,
  provider: "openai-compatible" as const,
  baseUrl: "http://127.0.0.1:9/v1",
  modelName,
});

describe("model registry", () => {
  it("lets only admins of the brand manage models", async () => {
    const { brand } = await admin();
    const marketer = await createUser(brand.id, "marketer");
    const session = (await (await signedIn(marketer.id)).session())!;
    await expect(
      createModel(null, { brandId: brand.id, kind: "generation", name: "m" }),
    ).rejects.toMatchObject({
      code: "unauthorized",
    });
    await expect(
      createModel(session, { brandId: brand.id, kind: "generation", name: "m" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(listModels(session, brand.id)).rejects.toMatchObject({ code: "forbidden" });
    const other = await admin();
    const model = await createModel(other.session, {
      brandId: other.brand.id,
      kind: "generation",
      name: "m",
    });
    await expect(
      createModelVersion((await admin()).session, { modelId: model.id, version: generation("x") }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("numbers immutable versions per model and rejects a version of the wrong kind", async () => {
    const { brand, session } = await admin();
    const model = await createModel(session, { brandId: brand.id, kind: "generation", name: "copy" });
    const v1 = await createModelVersion(session, { modelId: model.id, version: generation("a") });
    const v2 = await createModelVersion(session, { modelId: model.id, version: generation("b") });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.generation?.resilience).toMatchObject({ maxRetries: 2, breaker: { kind: "consecutive" } });
    await expect(
      createModelVersion(session, {
        modelId: model.id,
        version: { kind: "personalisation", artifact: Buffer.from("x"), featureSchema: {}, lineage: {} },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      createModel(session, { brandId: brand.id, kind: "generation", name: "copy" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("stores a personalisation artifact with its SHA-256", async () => {
    const { brand, session } = await admin();
    const model = await createModel(session, { brandId: brand.id, kind: "personalisation", name: "ranker" });
    const v = await createModelVersion(session, {
      modelId: model.id,
      version: {
        kind: "personalisation",
        artifact: Buffer.from("onnx bytes"),
        featureSchema: { features: ["hour"] },
        lineage: { events: 10 },
      },
    });
    expect(v.personalisation).toMatchObject({
      artifactBytes: 10,
      artifactSha256: createHash("sha256").update("onnx bytes").digest("hex"),
    });
  });

  it("never lets a version's secret out: not the value, not the ciphertext", async () => {
    const { brand, session } = await admin();
    const model = await createModel(session, { brandId: brand.id, kind: "generation", name: "secret" });
    const plaintext = "sk-live-THIS-MUST-NOT-LEAK-1234567890";
    const v = await createModelVersion(session, {
      modelId: model.id,
      version: { ...generation("a"), secret: { kind: "value", value: plaintext } },
    });
    const [row] = await db().select().from(modelVersions).where(eq(modelVersions.id, v.id));
    const ciphertext = row!.secretCiphertext!;
    expect(ciphertext.toString("utf8")).not.toContain(plaintext);
    await moveLabel({
      model: model.id,
      label: "stable",
      versionId: v.id,
      reason: "first",
      actor: "system:test",
    });
    const outputs = [
      v,
      await getVersionByLabel({ brandId: brand.id, modelId: model.id, label: "stable" }),
      await listModels(session, brand.id),
    ];
    for (const out of outputs) {
      const json = JSON.stringify(out);
      expect(json).not.toContain(plaintext);
      expect(json).not.toContain(ciphertext.toString("base64"));
      expect(json).not.toContain(ciphertext.toString("hex"));
      expect(json).not.toContain("secretCiphertext");
    }
    expect(v.generation?.secret).toEqual({ kind: "encrypted" });
    expect(() => publicModelVersionSchema.parse(v)).not.toThrow();
  });

  it("names a secret variable only under BRANDGATE_PROVIDER_, refusing others with the field named", async () => {
    const { brand, session } = await admin();
    const model = await createModel(session, { brandId: brand.id, kind: "generation", name: "env" });
    // Brandgate's own settings, and any other variable of the server's environment.
    for (const name of [
      "AUTH_SECRET",
      "ACME_OPENAI_KEY",
      "HOME",
      "AWS_SECRET_ACCESS_KEY",
      "BRANDGATE_PROVIDER_",
    ]) {
      const refused = await createModelVersion(session, {
        modelId: model.id,
        version: { ...generation("a"), secret: { kind: "env", name } },
      }).catch((e: unknown) => e);
      expect(refused, name).toMatchObject({ code: "validation_failed", status: 400 });
      expect(JSON.stringify((refused as { details: unknown }).details), name).toContain("secret.name");
    }
    const v = await createModelVersion(session, {
      modelId: model.id,
      version: { ...generation("a"), secret: { kind: "env", name: "BRANDGATE_PROVIDER_ACME_KEY" } },
    });
    expect(v.generation?.secret).toEqual({ kind: "env", name: "BRANDGATE_PROVIDER_ACME_KEY" });
  });

  it("moves labels with a recorded history and compare-and-set", async () => {
    const { brand, session } = await admin();
    const model = await createModel(session, { brandId: brand.id, kind: "generation", name: "labels" });
    const v1 = await createModelVersion(session, { modelId: model.id, version: generation("a") });
    const v2 = await createModelVersion(session, { modelId: model.id, version: generation("b") });
    const move = (versionId: string, expectedVersionId?: string | null) =>
      moveLabel({
        model: model.id,
        label: "stable",
        versionId,
        reason: "test",
        actor: "rollout:r1",
        expectedVersionId,
      });

    expect(await move(v1.id, null)).toEqual({ moved: true, fromVersionId: null, toVersionId: v1.id });
    await expect(move(v2.id, null)).rejects.toMatchObject({ code: "conflict" });
    expect(await move(v2.id, v1.id)).toEqual({ moved: true, fromVersionId: v1.id, toVersionId: v2.id });
    expect(await move(v2.id)).toMatchObject({ moved: false });
    expect((await getVersionByLabel({ brandId: brand.id, modelId: model.id, label: "stable" }))?.id).toBe(
      v2.id,
    );
    expect(await getVersionByLabel({ brandId: brand.id, modelId: model.id, label: "candidate" })).toBeNull();
    expect(
      await getVersionByLabel({ brandId: (await createBrand()).id, modelId: model.id, label: "stable" }),
    ).toBeNull();

    const history = await db().select().from(modelLabelMoves).where(eq(modelLabelMoves.modelId, model.id));
    expect(history.map((h) => [h.fromVersionId, h.toVersionId, h.actor])).toEqual([
      [null, v1.id, "rollout:r1"],
      [v1.id, v2.id, "rollout:r1"],
    ]);
    const [summary] = await listModels(session, brand.id);
    expect(summary).toMatchObject({ latestVersion: 2, labels: { stable: { versionId: v2.id, version: 2 } } });
  });

  it("refuses to point a label at another model's version", async () => {
    const { brand, session } = await admin();
    const a = await createModel(session, { brandId: brand.id, kind: "generation", name: "a" });
    const b = await createModel(session, { brandId: brand.id, kind: "generation", name: "b" });
    const vb = await createModelVersion(session, { modelId: b.id, version: generation("b") });
    await expect(
      moveLabel({ model: a.id, label: "candidate", versionId: vb.id, reason: "x", actor: "user:u" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
