/** Placements on the real database: who may attach, the audit trail, detaching, and model choice. */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntries, placementAssignments, placements } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { describeFeatureSchema } from "@/lib/personalisation/describe-feature-schema";
import { exportOnnx } from "@/lib/personalisation/export-onnx";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { insertModel } from "@/lib/models/registry/insert-model";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { decide } from "@/lib/review/decide";
import { startRollout } from "@/lib/rollout/start-rollout";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";
import { attachToPlacement } from "./attach-to-placement";
import { detachFromPlacement } from "./detach-from-placement";
import { listPlacements } from "./list-placements";
import { servePlacementContent } from "./serve-placement-content";

const ONE_STAGE = [
  {
    name: "Brand review",
    actor: { kind: "role" as const, role: "reviewer" as const },
    approvals: 1,
    slaHours: 24,
    legal: false,
    onlyWhenFlagged: false,
  },
];

const LEGAL = {
  name: "Legal review",
  actor: { kind: "group" as const, group: "legal" },
  approvals: 1,
  slaHours: 48,
  legal: true,
  onlyWhenFlagged: true,
};

let f: Awaited<ReturnType<typeof reviewFixture>>;
let marketer: UserPrincipal;
let reviewer: UserPrincipal;

beforeAll(async () => {
  f = await reviewFixture(ONE_STAGE);
  marketer = await sessionFor(f.brandId, "marketer");
  reviewer = await sessionFor(f.brandId, "reviewer");
});

/** Created and approved through every stage it meets, one approver per stage in order. */
async function approvedItem(claims = false, fx = f, author = marketer, approvers = [reviewer]) {
  const item = await fx.createItem({ author, claims });
  for (const who of approvers) {
    const row = await fx.itemRow(item.id);
    if (row.status !== "in_review") break;
    await decide(who, {
      brandId: fx.brandId,
      contentItemId: item.id,
      revisionId: row.currentRevisionId!,
      stageIndex: row.stageIndex,
      decision: "approve",
    });
  }
  expect((await fx.itemRow(item.id)).status).toBe("approved");
  return item;
}

describe("attach and detach", () => {
  it("lets marketers attach approved content, audits it, and refuses reviewers", async () => {
    const item = await approvedItem();
    await expect(
      attachToPlacement(reviewer, { brandId: f.brandId, contentItemId: item.id, placementKey: "footer" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const first = await attachToPlacement(marketer, {
      brandId: f.brandId,
      contentItemId: item.id,
      placementKey: " Footer ",
    });
    expect(first).toMatchObject({ key: "footer", created: true, attached: true });
    const again = await attachToPlacement(marketer, {
      brandId: f.brandId,
      contentItemId: item.id,
      placementKey: "footer",
    });
    expect(again).toMatchObject({ placementId: first.placementId, created: false, attached: false });
    await expect(
      attachToPlacement(marketer, { brandId: f.brandId, contentItemId: item.id, placementKey: "no spaces" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const audited = await db()
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.brandId, f.brandId),
          inArray(auditEntries.action, ["placement.created", "placement.variant_attached"]),
        ),
      );
    expect(audited.map((a) => a.action).sort()).toEqual(["placement.created", "placement.variant_attached"]);
    expect((await listPlacements(reviewer, f.brandId)).find((p) => p.key === "footer")?.variants).toEqual([
      expect.objectContaining({ contentItemId: item.id, servable: true }),
    ]);
  });

  it("re-chooses a unit whose variant was detached", async () => {
    const a = await approvedItem();
    const b = await approvedItem();
    let placementId = "";
    for (const item of [a, b])
      placementId = (
        await attachToPlacement(marketer, {
          brandId: f.brandId,
          contentItemId: item.id,
          placementKey: "banner",
        })
      ).placementId;
    const serve = () =>
      servePlacementContent(marketer, { brandId: f.brandId, placement: "banner", unit: "carol" });
    const first = await serve();
    await detachFromPlacement(marketer, {
      brandId: f.brandId,
      placementId,
      contentItemId: first.assignment.variant_id,
    });
    const second = await serve();
    expect(second.assignment.variant_id).not.toBe(first.assignment.variant_id);
    expect(second.assignment.sticky).toBe(false);
    expect((await serve()).assignment).toEqual({ ...second.assignment, sticky: true });
  });
});

describe("first choice by the personalisation model", () => {
  it("uses the brand's stable ONNX model when it has one", async () => {
    const fx = await reviewFixture([...ONE_STAGE, LEGAL]);
    const author = await sessionFor(fx.brandId, "marketer");
    const approvers = [
      await sessionFor(fx.brandId, "reviewer"),
      await sessionFor(fx.brandId, "reviewer", ["legal"]),
    ];
    const plain = await approvedItem(false, fx, author, approvers);
    const offer = await approvedItem(true, fx, author, approvers); // "Save 30% on tents…"
    for (const item of [plain, offer])
      await attachToPlacement(author, { brandId: fx.brandId, contentItemId: item.id, placementKey: "hero" });

    // A model that only likes offers.
    const described = describeFeatureSchema(DEFAULT_FEATURE_SCHEMA);
    const weights = described.names.map((n) => (n === "hasOffer" ? 4 : 0));
    const { bytes } = exportOnnx({ model: { weights, bias: -2 }, featureSchema: described });
    const model = await insertModel(db(), { brandId: fx.brandId, kind: "personalisation", name: "Offers" });
    const version = await insertModelVersion(
      db(),
      model.id,
      {
        kind: "personalisation",
        artifact: Buffer.from(bytes),
        featureSchema: DEFAULT_FEATURE_SCHEMA,
        lineage: { test: true },
      },
      null,
    );
    await moveLabel({
      model: model.id,
      label: "stable",
      versionId: version.id,
      actor: "system:test",
      reason: "t",
    });

    for (const unit of ["u1", "u2", "u3", "u4"]) {
      const served = await servePlacementContent(author, {
        brandId: fx.brandId,
        placement: "hero",
        unit,
        audience: { segment: "bargain", device: "mobile" },
      });
      expect(served.assignment).toEqual({ variant_id: offer.id, method: "model", sticky: false });
    }

    // A rollout of a candidate that prefers the plain variant splits new units between the two.
    const { bytes: plainBytes } = exportOnnx({
      model: { weights: weights.map((w) => -w), bias: -2 },
      featureSchema: described,
    });
    const candidate = await insertModelVersion(
      db(),
      model.id,
      {
        kind: "personalisation",
        artifact: Buffer.from(plainBytes),
        featureSchema: DEFAULT_FEATURE_SCHEMA,
        lineage: { test: true },
      },
      null,
    );
    await startRollout(await sessionFor(fx.brandId, "admin"), {
      brandId: fx.brandId,
      modelId: model.id,
      candidateVersionId: candidate.id,
      strategy: "ab",
      config: { abWeight: 50, primaryMetric: "ctr" },
    });
    const chosen = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const served = await servePlacementContent(author, {
        brandId: fx.brandId,
        placement: "hero",
        unit: `r${i}`,
      });
      chosen.set(served.assignment.variant_id, (chosen.get(served.assignment.variant_id) ?? 0) + 1);
    }
    expect(chosen.get(plain.id)).toBeGreaterThan(8);
    expect(chosen.get(offer.id)).toBeGreaterThan(8);
    const byVersion = await db()
      .select({
        versionId: placementAssignments.modelVersionId,
        contentItemId: placementAssignments.contentItemId,
      })
      .from(placementAssignments)
      .innerJoin(placements, eq(placements.id, placementAssignments.placementId))
      .where(
        and(
          eq(placements.brandId, fx.brandId),
          inArray(
            placementAssignments.unitKey,
            Array.from({ length: 40 }, (_, i) => `r${i}`),
          ),
        ),
      );
    expect(
      byVersion.every((a) => a.contentItemId === (a.versionId === candidate.id ? plain.id : offer.id)),
    ).toBe(true);
  });
});
