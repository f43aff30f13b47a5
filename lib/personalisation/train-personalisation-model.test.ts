import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { generateSyntheticEvents, SYNTHETIC_VARIANTS } from "@/lib/personalisation/generate-synthetic-events";
import { scoreCandidates } from "@/lib/personalisation/score-candidates";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { insertModel } from "@/lib/models/registry/insert-model";
import { createBrand, createUser } from "@/test/factories";
import { trainPersonalisationModel } from "./train-personalisation-model";

const start = new Date("2026-10-01T00:00:00Z");
const end = new Date("2026-11-01T00:00:00Z");

/** Stores synthetic exposures, with a click on the same content for each positive outcome. */
async function storeEvents(brandId: string) {
  const synthetic = generateSyntheticEvents({ customers: 3000, exposuresPerCustomer: 6, seed: "train-job" });
  const rows = synthetic.flatMap((e, i) => {
    const contentId = randomUUID();
    const at = new Date(start.getTime() + (i % 1000) * 60_000);
    const exposure = {
      brandId,
      kind: "exposure" as const,
      unitKey: e.unitKey!,
      contentId,
      audience: e.audience,
      variant: e.variant,
      occurredAt: at,
    };
    return e.outcome
      ? [
          exposure,
          {
            brandId,
            kind: "click" as const,
            unitKey: e.unitKey!,
            contentId,
            occurredAt: new Date(at.getTime() + 5000),
          },
        ]
      : [exposure];
  });
  for (let i = 0; i < rows.length; i += 2000)
    await db()
      .insert(events)
      .values(rows.slice(i, i + 2000));
  return synthetic.length;
}

describe("the personalisation training job", () => {
  it("trains on stored events, registers an ONNX version with lineage, and recovers the preference", async () => {
    const brand = await createBrand();
    const admin = await createUser(brand.id, "admin");
    const model = await insertModel(db(), { brandId: brand.id, kind: "personalisation", name: "ranker" });
    const exposures = await storeEvents(brand.id);

    const result = await trainPersonalisationModel({
      actor: { kind: "user", userId: admin.id, brandId: brand.id },
      brandId: brand.id,
      modelId: model.id,
      windowStart: start,
      windowEnd: end,
      seed: "s1",
    });
    expect(result.metrics.holdout.auc).toBeGreaterThanOrEqual(0.8);

    const [row] = await db().select().from(modelVersions).where(eq(modelVersions.id, result.versionId));
    expect(row!.artifactSha256).toBe(result.sha256);
    expect(row!.lineage).toMatchObject({
      events: { total: exposures },
      windowStart: start.toISOString(),
      skippedEvents: 0,
    });

    const scores = await scoreCandidates({
      versionKey: result.sha256,
      modelBytes: new Uint8Array(row!.artifact!),
      featureSchema: DEFAULT_FEATURE_SCHEMA,
      audience: {
        segment: "bargain",
        locale: "en-US",
        device: "mobile",
        channel: "email",
        daysSinceLastVisit: 3,
        visits30d: 2,
      },
      variants: SYNTHETIC_VARIANTS.map(({ id: _id, ...v }) => v),
    });
    const best = SYNTHETIC_VARIANTS[scores.indexOf(Math.max(...scores))]!;
    expect(best.id).toBe("short-offer");
  }, 60_000);

  it("refuses a user who may not manage models, and a window that ends before it starts", async () => {
    const brand = await createBrand();
    const marketer = await createUser(brand.id, "marketer");
    const model = await insertModel(db(), { brandId: brand.id, kind: "personalisation", name: "ranker" });
    const base = { brandId: brand.id, modelId: model.id, windowStart: start, windowEnd: end, seed: "s" };
    await expect(
      trainPersonalisationModel({ ...base, actor: { kind: "user", userId: marketer.id, brandId: brand.id } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      trainPersonalisationModel({ ...base, actor: { kind: "system" }, windowStart: end, windowEnd: start }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
