import { listTemplates } from "@/lib/templates/versions/list-templates";
import { templateDefinitionSchema } from "@/lib/templates/definition";
import type { Principal } from "@/lib/auth/principal";

/** For the Studio: each template's newest approved version; drafts are not offered. */
export async function listUsableTemplates(principal: Principal | null, brandId: string) {
  const all = await listTemplates(principal, brandId);
  return all.flatMap(({ template, versions }) => {
    const approved = versions.find((v) => v.approvedAt);
    if (!approved) return [];
    const definition = templateDefinitionSchema.parse(approved.definition);
    return [
      {
        templateId: template.id,
        name: template.name,
        channel: template.channel,
        versionId: approved.versionId,
        version: approved.version,
        slots: definition.slots,
      },
    ];
  });
}
