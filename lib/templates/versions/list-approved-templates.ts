import type { Principal } from "@/lib/auth/principal";
import { templateDefinitionSchema, type TemplateDefinition } from "@/lib/templates/definition";
import { listTemplates } from "./list-templates";

export interface ApprovedTemplate {
  id: string;
  /** The template's key: stable within the brand, and what the API calls it by. */
  slug: string;
  name: string;
  channel: string;
  /** Approved versions only, newest first. */
  versions: { id: string; number: number; approvedAt: Date; slots: TemplateDefinition["slots"] }[];
}

/** The brand's templates as a downstream app sees them: only approved versions are usable. */
export async function listApprovedTemplates(
  session: Principal | null,
  brandId: string,
): Promise<ApprovedTemplate[]> {
  const all = await listTemplates(session, brandId);
  return all.map(({ template, versions }) => ({
    id: template.id,
    slug: template.key,
    name: template.name,
    channel: template.channel,
    versions: versions.flatMap((v) =>
      v.approvedAt
        ? [
            {
              id: v.versionId,
              number: v.version,
              approvedAt: v.approvedAt,
              slots: templateDefinitionSchema.parse(v.definition).slots,
            },
          ]
        : [],
    ),
  }));
}
