import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listKitVersions } from "@/lib/brand/kits/list-kit-versions";
import { listLogoCandidates } from "@/lib/brand/kits/kit-logos";
import { DEMO_KIT, type BrandKit } from "@/lib/brand/kit";
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
  // The logos are picked below the JSON, from the brand's uploaded logos, not typed as ids.
  const { logos = [], ...rest } = (latest?.content ?? DEMO_KIT) as BrandKit;
  return (
    <>
      <PageHeader
        title="Edit brand kit"
        description={
          latest
            ? `Editing from v${latest.version}. Saving creates v${latest.version + 1}; versions are never changed.`
            : "This brand has no kit yet. Saving creates v1."
        }
      />
      <KitEditor
        brandId={brandId}
        baseVersion={latest?.version ?? null}
        initial={JSON.stringify(rest, null, 2)}
        initialLogos={logos.map((l) => l.assetId)}
        candidates={candidates}
      />
    </>
  );
}
