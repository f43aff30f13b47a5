import { and, eq, inArray, isNull, or } from "drizzle-orm";
import {
  apiKeys,
  assets,
  brandKitVersions,
  contentItems,
  models,
  modelVersions,
  templates,
  templateVersions,
  users,
  type AuditEntry,
} from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** Names people read instead of ids, keyed by `${kind}:${id}` (kind: user, api_key or a target type). */
export type AuditNames = ReadonlyMap<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names of the actors and targets of audit entries already read with `audit:read`: users
 * by name, API keys by name, assets, content, models, model, template and kit versions with
 * their numbers. Brand-owned rows are looked up inside the brand only; an id that names
 * nothing (deleted, or another brand's) stays an id.
 */
export async function nameAuditEntries(
  principal: Principal | null,
  brandId: string,
  entries: readonly AuditEntry[],
): Promise<AuditNames> {
  authorize(principal, "audit:read", brandId);
  const ids = (type: string) => [
    ...new Set(entries.filter((e) => e.targetType === type && UUID.test(e.targetId)).map((e) => e.targetId)),
  ];
  const userIds = [
    ...new Set([
      ...entries.flatMap((e) => (e.actor.kind === "user" && UUID.test(e.actor.id) ? [e.actor.id] : [])),
      ...ids("user"),
    ]),
  ];
  const keyIds = [
    ...new Set([
      ...entries.flatMap((e) => (e.actor.kind === "api_key" && UUID.test(e.actor.id) ? [e.actor.id] : [])),
      ...ids("api_key"),
    ]),
  ];
  const kitIds = [...new Set([...ids("brand_kit_version"), ...ids("kit_version")])];
  const ofBrandOrPlatform = (column: typeof templates.brandId | typeof models.brandId) =>
    or(eq(column, brandId), isNull(column));
  const [userRows, keyRows, assetRows, contentRows, modelRows, versionRows, templateRows, kitRows] =
    await Promise.all([
      userIds.length
        ? db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
        : [],
      keyIds.length
        ? db()
            .select({ id: apiKeys.id, name: apiKeys.name })
            .from(apiKeys)
            .where(and(eq(apiKeys.brandId, brandId), inArray(apiKeys.id, keyIds)))
        : [],
      ids("asset").length
        ? db()
            .select({ id: assets.id, name: assets.name })
            .from(assets)
            .where(and(eq(assets.brandId, brandId), inArray(assets.id, ids("asset"))))
        : [],
      ids("content").length
        ? db()
            .select({ id: contentItems.id, name: contentItems.title })
            .from(contentItems)
            .where(and(eq(contentItems.brandId, brandId), inArray(contentItems.id, ids("content"))))
        : [],
      ids("model").length
        ? db()
            .select({ id: models.id, name: models.name })
            .from(models)
            .where(and(ofBrandOrPlatform(models.brandId), inArray(models.id, ids("model"))))
        : [],
      ids("model_version").length
        ? db()
            .select({ id: modelVersions.id, model: models.name, tag: modelVersions.tag })
            .from(modelVersions)
            .innerJoin(models, eq(models.id, modelVersions.modelId))
            .where(and(ofBrandOrPlatform(models.brandId), inArray(modelVersions.id, ids("model_version"))))
        : [],
      ids("template_version").length
        ? db()
            .select({ id: templateVersions.id, template: templates.name, version: templateVersions.version })
            .from(templateVersions)
            .innerJoin(templates, eq(templates.id, templateVersions.templateId))
            .where(
              and(
                ofBrandOrPlatform(templates.brandId),
                inArray(templateVersions.id, ids("template_version")),
              ),
            )
        : [],
      kitIds.length
        ? db()
            .select({ id: brandKitVersions.id, version: brandKitVersions.version })
            .from(brandKitVersions)
            .where(and(eq(brandKitVersions.brandId, brandId), inArray(brandKitVersions.id, kitIds)))
        : [],
    ]);
  const names = new Map<string, string>();
  for (const r of userRows) names.set(`user:${r.id}`, r.name);
  for (const r of keyRows) names.set(`api_key:${r.id}`, r.name);
  for (const r of assetRows) names.set(`asset:${r.id}`, r.name);
  for (const r of contentRows) names.set(`content:${r.id}`, r.name);
  for (const r of modelRows) names.set(`model:${r.id}`, r.name);
  for (const r of versionRows) names.set(`model_version:${r.id}`, `${r.model} ${r.tag}`);
  for (const r of templateRows) names.set(`template_version:${r.id}`, `${r.template} v${r.version}`);
  for (const r of kitRows) {
    names.set(`brand_kit_version:${r.id}`, `kit v${r.version}`);
    names.set(`kit_version:${r.id}`, `kit v${r.version}`);
  }
  return names;
}
