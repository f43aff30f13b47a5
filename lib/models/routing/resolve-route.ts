import { and, eq, sql } from "drizzle-orm";
import { modelLabels, modelRoutes, models, modelVersions } from "@/db/schema";
import { can } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { versionedCache } from "@/lib/brand-state/versioned-cache";
import { db, preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { chooseRoute, type Route } from "./choose-route";

export interface ResolveRouteInput {
  brandId: string;
  modelId: string;
  unitKey: string;
  /** From the `x-brandgate-version` header: pins a version, for admins testing it. */
  overrideVersionId?: string | null;
  principal: Principal | null;
  /** The brand's state version the caller read (an API key's): the routing rows may come from memory. */
  brandStateVersion?: number;
}

type RoutingRows = Awaited<ReturnType<ReturnType<typeof routingOf>["execute"]>>;
const routingCache = versionedCache<RoutingRows>();

/** The model, its labels and its routing policy in one round trip: one row per label. */
const routingOf = preparedQuery((database) =>
  database
    .select({
      kind: models.kind,
      label: modelLabels.label,
      versionId: modelLabels.versionId,
      mode: modelRoutes.mode,
      candidateWeight: modelRoutes.candidateWeight,
      salt: modelRoutes.salt,
    })
    .from(models)
    .leftJoin(modelLabels, eq(modelLabels.modelId, models.id))
    .leftJoin(modelRoutes, eq(modelRoutes.modelId, models.id))
    .where(and(eq(models.id, sql.placeholder("modelId")), eq(models.brandId, sql.placeholder("brandId"))))
    .prepare("resolve_route"),
);

/**
 * The route for one generation request: the model's labels and routing policy, then the
 * pure assignment. An override is honoured only for a caller who may manage models, and only
 * for a version of this model.
 */
export async function resolveRoute(input: ResolveRouteInput): Promise<Route & { modelId: string }> {
  const rows = await routingCache.get(input.brandId, input.modelId, input.brandStateVersion, () =>
    routingOf().execute({ modelId: input.modelId, brandId: input.brandId }),
  );
  const model = rows[0];
  if (!model || model.kind !== "generation")
    throw new AppError("not_found", "No such generation model in this brand", { path: "model" });
  const stable = rows.find((l) => l.label === "stable")?.versionId;
  if (!stable) throw new AppError("conflict", "This model has no stable version to serve");
  const candidate = rows.find((l) => l.label === "candidate")?.versionId ?? null;
  if (input.overrideVersionId) {
    if (!can(input.principal, "models:manage", input.brandId)) {
      throw new AppError("forbidden", "Only an admin may pin a model version", {
        path: "x-brandgate-version",
      });
    }
    const [version] = await db()
      .select({ id: modelVersions.id })
      .from(modelVersions)
      .where(and(eq(modelVersions.id, input.overrideVersionId), eq(modelVersions.modelId, input.modelId)));
    if (!version)
      throw new AppError("not_found", "That version does not belong to this model", {
        path: "x-brandgate-version",
      });
  }
  // No row: the model serves stable only.
  const policy =
    model.mode === null
      ? { mode: "stable" as const, candidateWeight: 0, salt: input.modelId }
      : { mode: model.mode, candidateWeight: model.candidateWeight!, salt: model.salt! };
  return {
    modelId: input.modelId,
    ...chooseRoute({
      policy,
      stableVersionId: stable,
      candidateVersionId: candidate,
      unitKey: input.unitKey,
      overrideVersionId: input.overrideVersionId,
    }),
  };
}
