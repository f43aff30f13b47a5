import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listKitVersions } from "@/lib/brand/kits/list-kit-versions";
import { listLogoCandidates } from "@/lib/brand/kits/kit-logos";
import { brandKitSchema, DEMO_KIT } from "@/lib/brand/kit";
import { kitToForm } from "@/lib/brand/kits/kit-form";
import { PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { KitEditor } from "./kit-editor";

export const metadata: Metadata = { title: "Edit brand kit" };

export default async function EditKitPage() {
  const access = await requireSection("brand");
  if (!access.allowed || !can(access.session, "brand-kit:edit", access.membership.brandId))
    return <Forbidden />;
  const brandId = access.membership.brandId;
  const [latest] = await listKitVersions(access.session, brandId);
  const candidates = await listLogoCandidates(access.session, brandId);
  // Parsing fills the defaults of fields added since an old version was saved (voice style, logos).
  const kit = latest ? brandKitSchema.parse(latest.content) : DEMO_KIT;
  return (
    <>
      <PageHeader
        title="Edit brand kit"
        description={
          latest
            ? `Editing from v${latest.version}. Saving creates draft v${latest.version + 1}; versions are never changed, and checks use a version once it is published.`
            : "This brand has no kit yet. Saving creates draft v1; checks use it once it is published."
        }
      />
      <KitEditor
        brandId={brandId}
        baseVersion={latest?.version ?? null}
        initial={kitToForm(kit)}
        candidates={candidates}
      />
    </>
  );
}
