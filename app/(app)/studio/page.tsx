import type { Metadata } from "next";
import { listAssets } from "@/lib/brand/assets/list-assets";
import { listUsableTemplates } from "@/lib/content/list-usable-templates";
import { PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { BatchForm } from "./batch-form";
import { BriefForm } from "./brief-form";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  const access = await requireSection("studio");
  if (!access.allowed) return <Forbidden />;
  const templates = await listUsableTemplates(access.session, access.membership.brandId);
  const assets = (await listAssets(access.session, access.membership.brandId)).slice(0, 50);
  return (
    <>
      <PageHeader
        title="Studio"
        description="Write a brief; Brandgate checks it, generates, checks the output and wraps it in an approved template."
      />
      {templates.length === 0 ? (
        <p className="text-sm text-slate-700">No approved templates yet. Ask a reviewer to approve one.</p>
      ) : (
        <>
          <BriefForm
            brandId={access.membership.brandId}
            templates={templates}
            assets={assets.map((a) => ({
              id: a.id,
              name: a.name,
              kind: a.kind,
              score: a.score,
              blocked: a.blocked,
              blockedReason: a.blockedReason,
            }))}
          />
          <BatchForm brandId={access.membership.brandId} templates={templates} />
        </>
      )}
    </>
  );
}
