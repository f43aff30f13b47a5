/** Builders for rollout tests: a brand with an admin, a model with stable + candidate versions, traffic. */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  contentItems,
  events,
  generationAttempts,
  modelLabels,
  modelRoutes,
  modelVersions,
  placementAssignments,
  placements,
  templates,
} from "@/db/schema";
import { db } from "@/lib/db";
import { createModel } from "@/lib/models/registry/create-model";
import { createModelVersion } from "@/lib/models/registry/create-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { chooseRoute } from "@/lib/models/routing/choose-route";
import { createRng } from "@/lib/stats/create-rng";
import { createBrand, createUser, signedIn } from "@/test/factories";

export async function adminBrand() {
  const brand = await createBrand();
  const user = await createUser(brand.id, "admin");
  const session = (await (await signedIn(user.id)).session())!;
  const marketerUser = await createUser(brand.id, "marketer");
  const marketer = (await (await signedIn(marketerUser.id)).session())!;
  return { brand, user, session, marketer };
}

type UserPrincipal = Awaited<ReturnType<typeof adminBrand>>["session"];

export async function generationModel(session: UserPrincipal, brandId: string) {
  const model = await createModel(session, { brandId, kind: "generation", name: `m-${Math.random()}` });
  const version = (modelName: string) => ({
    kind: "generation" as const,
    provider: "openai-compatible" as const,
    baseUrl: "http://127.0.0.1:9/v1",
    modelName,
  });
  const stable = await createModelVersion(session, { modelId: model.id, version: version("a") });
  const candidate = await createModelVersion(session, { modelId: model.id, version: version("b") });
  await moveLabel({
    model: model.id,
    label: "stable",
    versionId: stable.id,
    reason: "seed",
    actor: "system:test",
  });
  return { model, stableId: stable.id, candidateId: candidate.id };
}

/** Personalisation versions are inserted directly: the tests never score with them. */
export async function personalisationModel(session: UserPrincipal, brandId: string) {
  const model = await createModel(session, { brandId, kind: "personalisation", name: `p-${Math.random()}` });
  const insert = async (version: number) => {
    const artifact = Buffer.from(`artifact ${version}`);
    const [row] = await db()
      .insert(modelVersions)
      .values({
        modelId: model.id,
        kind: "personalisation",
        version,
        tag: String(version),
        artifact,
        artifactSha256: createHash("sha256").update(artifact).digest("hex"),
        featureSchema: {},
        lineage: {},
      })
      .returning({ id: modelVersions.id });
    return row!.id;
  };
  const stableId = await insert(1);
  const candidateId = await insert(2);
  await moveLabel({
    model: model.id,
    label: "stable",
    versionId: stableId,
    reason: "seed",
    actor: "system:test",
  });
  const [template] = await db()
    .insert(templates)
    .values({ brandId, key: `t-${Math.random()}`, channel: "web", name: "t" })
    .returning({ id: templates.id });
  const [item] = await db()
    .insert(contentItems)
    .values({ brandId, templateId: template!.id, channel: "web", title: "hero", status: "approved" })
    .returning({ id: contentItems.id });
  const [placement] = await db()
    .insert(placements)
    .values({ brandId, key: `p-${Math.random().toString(36).slice(2)}` })
    .returning({ id: placements.id });
  return { model, stableId, candidateId, contentId: item!.id, placementId: placement!.id };
}

/** The version each unit is routed to, read once from the model's labels and route. */
export async function router(modelId: string) {
  const labels = await db().select().from(modelLabels).where(eq(modelLabels.modelId, modelId));
  const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, modelId));
  const stable = labels.find((l) => l.label === "stable")!.versionId;
  const candidate = labels.find((l) => l.label === "candidate")?.versionId ?? null;
  const policy = route ?? { mode: "stable" as const, candidateWeight: 0, salt: modelId };
  return (unitKey: string) =>
    chooseRoute({ policy, stableVersionId: stable, candidateVersionId: candidate, unitKey }).primaryVersionId;
}

export interface ArmBehaviour {
  errorRate?: number;
  latencyMs?: number;
  ctr?: number;
}

/**
 * One interval of generation traffic: each unit makes one request to the version it is
 * routed to (or, with `forceCandidateShare`, a broken assignment that ignores the route).
 */
export async function generationTraffic(o: {
  modelId: string;
  candidateId: string;
  stableId: string;
  from: Date;
  seconds: number;
  units: number;
  tag: string;
  behaviour: Record<"stable" | "candidate", ArmBehaviour>;
  forceCandidateShare?: number;
}) {
  const route = await router(o.modelId);
  const rng = createRng(o.tag);
  const rows = Array.from({ length: o.units }, (_, i) => {
    const unit = `${o.tag}-${i}`;
    const versionId =
      o.forceCandidateShare === undefined
        ? route(unit)
        : rng.next() < o.forceCandidateShare
          ? o.candidateId
          : o.stableId;
    const b = o.behaviour[versionId === o.candidateId ? "candidate" : "stable"];
    const failed = rng.next() < (b.errorRate ?? 0);
    return {
      versionId,
      requestId: unit,
      attempt: 1,
      servedAs: "primary",
      startedAt: new Date(o.from.getTime() + (i / o.units) * o.seconds * 1000),
      latencyMs: Math.round((b.latencyMs ?? 400) * (0.5 + rng.next())),
      tokensIn: 100,
      tokensOut: 200,
      outcome: failed ? ("error" as const) : ("ok" as const),
    };
  });
  for (let i = 0; i < rows.length; i += 1000)
    await db()
      .insert(generationAttempts)
      .values(rows.slice(i, i + 1000));
}

/** One interval of placement traffic: assignment by the personalisation route, an exposure, maybe a click. */
export async function placementTraffic(o: {
  brandId: string;
  modelId: string;
  candidateId: string;
  placementId: string;
  contentId: string;
  from: Date;
  seconds: number;
  units: number;
  tag: string;
  behaviour: Record<"stable" | "candidate", ArmBehaviour>;
}) {
  const route = await router(o.modelId);
  const rng = createRng(o.tag);
  const assignments = [];
  const rows = [];
  for (let i = 0; i < o.units; i++) {
    const unitKey = `${o.tag}-${i}`;
    const versionId = route(unitKey);
    const at = new Date(o.from.getTime() + (i / o.units) * o.seconds * 1000);
    assignments.push({
      placementId: o.placementId,
      unitKey,
      contentItemId: o.contentId,
      method: "model" as const,
      modelVersionId: versionId,
    });
    const base = { brandId: o.brandId, unitKey, contentId: o.contentId, occurredAt: at };
    rows.push({ ...base, kind: "exposure" as const });
    const ctr = o.behaviour[versionId === o.candidateId ? "candidate" : "stable"].ctr ?? 0;
    if (rng.next() < ctr)
      rows.push({ ...base, kind: "click" as const, occurredAt: new Date(at.getTime() + 1) });
  }
  for (let i = 0; i < assignments.length; i += 1000)
    await db()
      .insert(placementAssignments)
      .values(assignments.slice(i, i + 1000));
  for (let i = 0; i < rows.length; i += 1000)
    await db()
      .insert(events)
      .values(rows.slice(i, i + 1000));
}

export async function routeOfModel(modelId: string) {
  const [route] = await db().select().from(modelRoutes).where(eq(modelRoutes.modelId, modelId));
  return route;
}

export async function labelOf(modelId: string, label: "stable" | "candidate") {
  const [row] = await db()
    .select({ versionId: modelLabels.versionId })
    .from(modelLabels)
    .where(and(eq(modelLabels.modelId, modelId), eq(modelLabels.label, label)));
  return row?.versionId ?? null;
}
