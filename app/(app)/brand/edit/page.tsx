import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listKitVersions } from "@/lib/brand/kits/list-kit-versions";
import { DEMO_KIT } from "@/lib/brand/kit";
import { PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { KitEditor } from "./kit-editor";

export const metadata: Metadata = { title: "Edit brand kit" };

export default async function EditKitPage() {
  const access = await requireSection("brand");
  if (!access.allowed || !can(access.session, "brand-kit:edit", access.membership.brandId))
    return <Forbidden />;
  const [latest] = await listKitVersions(access.session, access.membership.brandId);
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
        brandId={access.membership.brandId}
        baseVersion={latest?.version ?? null}
        initial={JSON.stringify(latest?.content ?? DEMO_KIT, null, 2)}
      />
    </>
  );
}
