import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import {
  brandKitVersions,
  models,
  modelVersions,
  reviewApprovals,
  templateVersions,
  users,
} from "@/db/schema";
import { getPinnedWorkflow } from "./resolve-workflow";

/**
 * Where one approved revision came from, as the content API and the `content.approved`
 * webhook tell it: the same words the Provenance panel shows, read from the rows the revision
 * and its approvals recorded, never recomputed.
 */
export const contentLineageSchema = z.object({
  /** SHA-256 of the revision; the approvals below are bound to it. */
  content_hash: z.string().describe("SHA-256 of the approved revision; every approval below is bound to it"),
  kit_version: z
    .object({ id: z.string().uuid(), number: z.number().int() })
    .describe("The brand kit version the revision was made under"),
  template_version: z
    .object({ id: z.string().uuid(), template_id: z.string().uuid(), number: z.number().int() })
    .describe("The approved template version it is wrapped in"),
  model_version: z
    .object({
      id: z.string().uuid(),
      model_id: z.string().uuid(),
      model: z.string().describe("The model's name in the registry"),
      version: z.number().int(),
      provider: z.string().describe("`builtin` or `openai-compatible`"),
    })
    .nullable()
    .describe("The generation model version that wrote it; null when a person wrote the revision"),
  approvals: z
    .array(
      z.object({
        stage: z.string().describe("The workflow stage's name"),
        stage_index: z.number().int(),
        reviewer: z.object({ id: z.string().uuid(), name: z.string() }),
        approved_at: z.string().describe("ISO 8601"),
      }),
    )
    .describe("Each approval of this revision, oldest first"),
});
export type ContentLineage = z.infer<typeof contentLineageSchema>;

export interface LineageSource {
  revisionId: string;
  contentHash: string;
  kitVersionId: string;
  templateVersionId: string;
  modelVersionId: string | null;
  workflowDefinitionId: string | null;
}

/** Lineage for several revisions in four queries, whatever their number (a content page). */
export async function loadContentLineage(
  executor: Executor,
  sources: readonly LineageSource[],
): Promise<Map<string, ContentLineage>> {
  const out = new Map<string, ContentLineage>();
  if (sources.length === 0) return out;
  const ids = <K extends keyof LineageSource>(k: K) => [
    ...new Set(sources.map((s) => s[k]).filter((v): v is NonNullable<typeof v> & string => v !== null)),
  ];
  const modelIds = ids("modelVersionId");
  const [kits, tpls, mvs, approvals] = await Promise.all([
    executor
      .select({ id: brandKitVersions.id, version: brandKitVersions.version })
      .from(brandKitVersions)
      .where(inArray(brandKitVersions.id, ids("kitVersionId"))),
    executor
      .select({
        id: templateVersions.id,
        templateId: templateVersions.templateId,
        version: templateVersions.version,
      })
      .from(templateVersions)
      .where(inArray(templateVersions.id, ids("templateVersionId"))),
    modelIds.length === 0
      ? Promise.resolve([])
      : executor
          .select({
            id: modelVersions.id,
            modelId: modelVersions.modelId,
            model: models.name,
            version: modelVersions.version,
            provider: modelVersions.provider,
          })
          .from(modelVersions)
          .innerJoin(models, eq(models.id, modelVersions.modelId))
          .where(inArray(modelVersions.id, modelIds)),
    executor
      .select({
        revisionId: reviewApprovals.revisionId,
        contentHash: reviewApprovals.contentHash,
        stageIndex: reviewApprovals.stageIndex,
        userId: reviewApprovals.userId,
        name: users.name,
        createdAt: reviewApprovals.createdAt,
      })
      .from(reviewApprovals)
      .innerJoin(users, eq(users.id, reviewApprovals.userId))
      .where(inArray(reviewApprovals.revisionId, ids("revisionId")))
      .orderBy(asc(reviewApprovals.createdAt), asc(reviewApprovals.id)),
  ]);
  const kitById = new Map(kits.map((k) => [k.id, k]));
  const tplById = new Map(tpls.map((t) => [t.id, t]));
  const mvById = new Map(mvs.map((m) => [m.id, m]));
  for (const s of sources) {
    const stages = s.workflowDefinitionId
      ? (await getPinnedWorkflow(executor, s.workflowDefinitionId)).stages
      : [];
    const kit = kitById.get(s.kitVersionId)!;
    const tpl = tplById.get(s.templateVersionId)!;
    const mv = s.modelVersionId ? mvById.get(s.modelVersionId) : undefined;
    out.set(s.revisionId, {
      content_hash: s.contentHash,
      kit_version: { id: kit.id, number: kit.version },
      template_version: { id: tpl.id, template_id: tpl.templateId, number: tpl.version },
      model_version: mv
        ? {
            id: mv.id,
            model_id: mv.modelId,
            model: mv.model,
            version: mv.version,
            provider: mv.provider ?? "builtin",
          }
        : null,
      approvals: approvals
        // Approvals bind to the hash: one for an earlier hash never counted toward this one.
        .filter((a) => a.revisionId === s.revisionId && a.contentHash === s.contentHash)
        .map((a) => ({
          stage: stages[a.stageIndex]?.name ?? `Stage ${a.stageIndex + 1}`,
          stage_index: a.stageIndex,
          reviewer: { id: a.userId, name: a.name },
          approved_at: a.createdAt.toISOString(),
        })),
    });
  }
  return out;
}
