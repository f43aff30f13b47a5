import { listTemplates } from "@/lib/templates/versions/list-templates";
import { templateDefinitionSchema } from "@/lib/templates/definition";
import type { Session } from "@/lib/auth/types";

/** For the Studio: each template's newest approved version; drafts are not offered. */
export async function listUsableTemplates(session: Session | null, brandId: string) {
  const all = await listTemplates(session, brandId);
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
