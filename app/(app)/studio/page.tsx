import type { Metadata } from "next";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { briefSchema } from "@/lib/generation/brief";
import { getGeneration } from "@/lib/generation/get-generation";
import { listAssets } from "@/lib/brand/assets/list-assets";
import { listUsableTemplates } from "@/lib/content/list-usable-templates";
import { PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { BatchForm } from "./batch-form";
import { BriefForm, type InitialBrief } from "./brief-form";

export const metadata: Metadata = { title: "Studio" };

/** `?from=<generation id>` fills the form with that generation's brief, to fix and generate again. */
async function initialBrief(
  session: Parameters<typeof getGeneration>[0],
  brandId: string,
  from: string | string[] | undefined,
): Promise<InitialBrief | null> {
  if (typeof from !== "string" || !z.string().uuid().safeParse(from).success) return null;
  const gen = await getGeneration(session, brandId, from).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!gen) return null;
  const brief = briefSchema.safeParse(gen.brief);
  if (!brief.success) return null;
  return {
    id: gen.id,
    templateVersionId: gen.templateVersionId,
    summary: brief.data.summary,
    slots: brief.data.slots,
    assetIds: gen.assetIds,
    blockedReasons:
      gen.status === "blocked" && gen.outcome?.phase === "input" ? gen.outcome.reasons.map(String) : null,
  };
}

export default async function StudioPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const access = await requireSection("studio");
  if (!access.allowed) return <Forbidden />;
  const initial = await initialBrief(access.session, access.membership.brandId, (await searchParams).from);
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
            // Another generation's brief is a new form: state made for one must not show another.
            key={initial?.id ?? "new"}
            initial={initial}
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
