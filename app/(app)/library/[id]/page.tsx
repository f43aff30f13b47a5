import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { can } from "@/lib/auth/authorize";
import type { CheckResult } from "@/lib/brand/checks/types";
import { getContentItem } from "@/lib/content/get-content-item";
import { getRevisionProvenance } from "@/lib/content/get-revision-provenance";
import { AppError } from "@/lib/errors";
import type { Slot } from "@/lib/templates/definition";
import { slotLabel } from "@/lib/templates/slot-label";
import { listPlacements } from "@/lib/placements/list-placements";
import { legalReviewPending } from "@/lib/review/legal-review-pending";
import { ContentStatusBadge } from "../../../_components/content-status-badge";
import { DateTime } from "../../../_components/date-time";
import { requestLocale } from "../../../_components/request-locale";
import { ScoreBadge } from "../../../_components/score-badge";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { PreviewFrame } from "../../templates/[id]/preview-frame";
import { AttachToPlacement } from "./attach-to-placement";
import { SlotsForm } from "./slot-editor";
import { SubmitButton } from "./submit-button";
import { SlotFindings } from "../../../_components/slot-findings";

export const metadata: Metadata = { title: "Content" };

const textOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(" ") : value);

type PerSlot = Record<string, { score: number; blocked: boolean; results: CheckResult[] }>;

export default async function ContentPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("library");
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const brandId = access.membership.brandId;
  const item = await getContentItem(access.session, brandId, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const current = item.revisions[0]!;
  const perSlot: PerSlot = current.checkResults;
  const slots = current.slots;
  // Slots the template no longer declares (none today) would still show, after the declared ones.
  const templateSlots: Slot[] = [
    ...item.slots,
    ...Object.keys(slots)
      .filter((name) => !item.slots.some((s) => s.name === name))
      .map((name): Slot => ({ name, type: "text", maxLength: 10_000, hint: "", required: false })),
  ];
  const mayEdit =
    can(access.session, "studio:use", brandId) &&
    ["draft", "in_review", "changes_requested"].includes(item.status);
  const mayAttach = item.status === "approved" && can(access.session, "studio:use", brandId);
  const placements = mayAttach ? await listPlacements(access.session, brandId) : [];
  const provenance = await getRevisionProvenance(access.session, brandId, current.id);
  const locale = await requestLocale();
  const attachedTo = placements.filter((p) => p.variants.some((v) => v.contentItemId === item.id));
  return (
    <>
      <PageHeader
        title={item.title}
        description={`${item.templateName} · ${item.channel} · revision ${current.number}`}
      >
        <span className="flex items-center gap-2">
          <ContentStatusBadge status={item.status} />
          <ScoreBadge
            score={current.score}
            blocked={current.blocked}
            legalReview={legalReviewPending({ flagged: current.legalReview, status: item.status })}
          />
        </span>
      </PageHeader>
      {item.statusReason && (
        <p
          role="note"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900"
        >
          <span className="font-medium">
            {item.status === "changes_requested" ? "Changes requested" : "Reason"}:
          </span>{" "}
          {item.statusReason}
        </p>
      )}
      <p className="mb-4 text-sm">
        <Link href={`/review/${item.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          Review history, comments and revision comparison
        </Link>
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-base font-semibold">Preview</h2>
          {item.channel === "email" && (
            <dl className="mb-3 space-y-1 text-sm" aria-label="Inbox view">
              <div className="flex gap-2">
                <dt className="w-20 shrink-0 font-medium text-slate-900">Subject</dt>
                <dd className="min-w-0 break-words text-slate-900">{textOf(slots.subject) || "—"}</dd>
              </div>
              <div className="flex gap-2">
                <dt className="w-20 shrink-0 font-medium text-slate-900">Preheader</dt>
                <dd className="min-w-0 break-words text-slate-800">{textOf(slots.preheader) || "—"}</dd>
              </div>
            </dl>
          )}
          <PreviewFrame parts={current.rendered} title={`Preview of ${item.title}`} />
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold">Fields and checks</h2>
          {mayEdit ? (
            <SlotsForm
              brandId={brandId}
              contentItemId={item.id}
              slots={templateSlots}
              values={slots}
              checks={perSlot}
            />
          ) : (
            <ul className="space-y-4">
              {templateSlots.map((slot) => {
                const value = slots[slot.name];
                const checks = perSlot[slot.name];
                return (
                  <li
                    key={slot.name}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid={`slot-${slot.name}`}
                  >
                    <div className="flex items-center justify-between">
                      <span className="font-medium text-slate-900">{slotLabel(slot)}</span>
                      {checks && <ScoreBadge score={checks.score} blocked={checks.blocked} />}
                    </div>
                    <SlotFindings slot={slotLabel(slot)} results={checks?.results} />
                    {Array.isArray(value) ? (
                      <ul className="mt-2 list-disc pl-5 text-sm text-slate-900">
                        {value.map((v) => (
                          <li key={v}>{v}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-900">
                        {value || "—"}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {mayEdit && (item.status === "draft" || item.status === "changes_requested") && (
            <div className="mt-4">
              <SubmitButton brandId={brandId} contentItemId={item.id} disabled={current.blocked} />
            </div>
          )}
        </Card>
      </div>
      {mayAttach && (
        <Card className="mt-6">
          <h2 className="mb-2 text-base font-semibold">Placements</h2>
          <p className="mb-3 text-sm text-slate-800">
            {attachedTo.length > 0
              ? `Served as a variant of ${attachedTo.map((p) => p.key).join(", ")}.`
              : "Not attached to any placement yet."}{" "}
            <Link href="/library/placements" className="text-brand-700 underline underline-offset-2">
              All placements
            </Link>
          </p>
          <AttachToPlacement
            brandId={brandId}
            contentItemId={item.id}
            knownKeys={placements.map((p) => p.key)}
          />
        </Card>
      )}
      <Card className="mt-6">
        <h2 className="mb-2 text-base font-semibold">Provenance of revision {current.number}</h2>
        <dl className="grid gap-3 text-sm md:grid-cols-2">
          <div>
            <dt className="font-medium">Brand kit</dt>
            <dd>v{provenance.kitVersion}</dd>
          </div>
          <div>
            <dt className="font-medium">Template</dt>
            <dd>
              {provenance.template.name} v{provenance.template.version}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Generation model</dt>
            <dd>{provenance.model ? modelLabel(provenance.model) : "none (written by hand)"}</dd>
          </div>
          <div>
            <dt className="font-medium">Personalisation model</dt>
            <dd>{provenance.personalisation ? modelLabel(provenance.personalisation) : "none"}</dd>
          </div>
          <div>
            <dt className="font-medium">Written by</dt>
            <dd>{provenance.author ? `${provenance.author.name} (${provenance.author.email})` : "—"}</dd>
          </div>
          <div>
            <dt className="font-medium">Approved by</dt>
            <dd>
              {provenance.approvals.length === 0 ? (
                "no approvals of this revision yet"
              ) : (
                <ul>
                  {provenance.approvals.map((a) => (
                    <li key={`${a.email}-${a.stageIndex}`}>
                      {a.name} (stage {a.stageIndex + 1}), <DateTime value={a.at} locale={locale} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="md:col-span-2">
            <dt className="font-medium">Content hash</dt>
            <dd className="break-all font-mono text-xs">{provenance.contentHash}</dd>
          </div>
        </dl>
      </Card>
    </>
  );
}

/** A version tag that is only the number reads as "v3"; a release tag is shown as given. */
function modelLabel(model: { name: string; tag: string }): string {
  return `${model.name} ${/^\d+$/.test(model.tag) ? `v${model.tag}` : model.tag}`;
}
