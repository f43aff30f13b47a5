import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { CheckResult } from "@/lib/brand/checks/types";
import { AppError } from "@/lib/errors";
import { compareSlots } from "@/lib/review/compare-revisions";
import { getReviewItem } from "@/lib/review/get-review-item";
import { ContentStatusBadge } from "../../../_components/content-status-badge";
import { ScoreBadge } from "../../../_components/score-badge";
import { Badge, Button, Card, Label, PageHeader, Select } from "../../../_components/ui";
import { DateTime } from "../../../_components/date-time";
import { requestLocale } from "../../../_components/request-locale";
import { Forbidden, requireSection } from "../../require-section";
import { PreviewFrame } from "../../templates/[id]/preview-frame";
import { Comments } from "./comments";
import { DecisionPanel } from "./decision-panel";
import { RetireForm } from "./retire-form";
import { SlotFindings } from "../../../_components/slot-findings";

export const metadata: Metadata = { title: "Review item" };

type PerSlot = Record<string, { score: number; blocked: boolean; results: CheckResult[] }>;
type Search = Record<string, string | string[] | undefined>;

const STAGE_TONE = { done: "green", current: "blue", waiting: "slate", skipped: "slate" } as const;
/** A verdict as the sentence "you … on revision N" says it. */
const VERDICT_TEXT: Record<string, string> = {
  approved: "approved",
  stage_passed: "approved",
  published: "approved",
  rejected: "rejected",
  changes_requested: "requested changes",
};
const ACTION_LABEL: Record<string, string> = {
  submitted: "submitted for review",
  claimed: "claimed it",
  released: "released the claim",
  approved: "approved",
  stage_passed: "approved; the stage passed",
  published: "approved; published",
  rejected: "rejected",
  changes_requested: "requested changes",
  edited: "edited (new revision)",
  retired: "retired it",
};

/** Everything a reviewer needs to decide on one item, and the decision itself. */
export default async function ReviewItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  // Anyone who can read content may read an item; deciding is checked again in lib.
  const access = await requireSection("library");
  const locale = await requestLocale();
  if (!access.allowed) return <Forbidden />;
  const data = await getReviewItem(access.session, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const { item, current, revisions } = data;
  const sp = await searchParams;
  const num = (v: string | string[] | undefined, fallback: number) => {
    const n = Number(Array.isArray(v) ? v[0] : v);
    return revisions.some((r) => r.number === n) ? n : fallback;
  };
  const base = data.diffBase;
  const to = revisions.find((r) => r.number === num(sp.to, base.to))!;
  const from = revisions.find((r) => r.number === num(sp.from, base.from))!;
  const myBase = base.reason === "my_last_decision" ? base.from : null;
  const revisionOption = (n: number) =>
    `Revision ${n}${n === myBase ? " (your last decision)" : ""}${n === current.number ? " (current)" : ""}`;
  const diffs = compareSlots(from.slots, to.slots);
  const perSlot: PerSlot = current.checkResults;
  const seen = {
    brandId: item.brandId,
    contentItemId: item.id,
    revisionId: current.id,
    stageIndex: item.stageIndex,
  };
  const comments = data.comments;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/review" className="text-brand-700 underline-offset-2 hover:underline">
          ← Review queue
        </Link>
      </p>
      <PageHeader
        title={item.title}
        description={`${data.brandName} · ${data.templateName} · ${item.channel} · revision ${current.number}`}
      >
        <span className="flex items-center gap-2">
          <ContentStatusBadge status={item.status} />
          <ScoreBadge score={current.score} blocked={current.blocked} legalReview={data.legalReviewPending} />
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

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card>
            <h2 className="mb-3 text-base font-semibold">Workflow</h2>
            {data.stages.length === 0 ? (
              <p className="text-sm text-slate-700">Not submitted for review yet.</p>
            ) : (
              <ol className="flex flex-wrap gap-3" aria-label="Stages">
                {data.stages.map((s, i) => (
                  <li
                    key={s.name}
                    aria-current={s.state === "current" ? "step" : undefined}
                    className={`rounded-md border px-3 py-2 text-sm ${s.state === "current" ? "border-brand-700" : "border-slate-200"}`}
                  >
                    <div className="font-medium">
                      {i + 1}. {s.name} <Badge tone={STAGE_TONE[s.state]}>{s.state}</Badge>
                    </div>
                    <div className="text-xs text-slate-700">
                      {s.state === "skipped"
                        ? "Only for content that makes claims"
                        : `${s.approvals} approval${s.approvals > 1 ? "s" : ""} by ${s.who} · SLA ${s.slaHours} h`}
                    </div>
                    {s.approvedBy.length > 0 && (
                      <div className="text-xs text-green-900">Approved by {s.approvedBy.join(", ")}</div>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {data.workflow && (
              <p className="mt-2 text-xs text-slate-700">
                Workflow version {data.workflow.version}
                {data.workflow.channel === "*" ? "" : ` for ${data.workflow.channel}`}, pinned when the item
                entered review.
              </p>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 text-base font-semibold">Revision {current.number}</h2>
            <PreviewFrame parts={current.rendered} title={`Preview of revision ${current.number}`} />
            <ul className="mt-4 space-y-3">
              {Object.entries(current.slots).map(([name, value]) => {
                return (
                  <li
                    key={name}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid={`slot-${name}`}
                  >
                    <div className="font-medium text-slate-900">{name}</div>
                    <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">
                      {Array.isArray(value) ? value.join(", ") : value}
                    </p>
                    <SlotFindings slot={name} results={perSlot[name]?.results} />
                  </li>
                );
              })}
            </ul>
            <p className="mt-3 break-all text-xs text-slate-700">Content hash {current.contentHash}</p>
          </Card>

          {revisions.length > 1 && (
            <Card>
              <h2 className="mb-3 text-base font-semibold" id="compare">
                Compare revisions
              </h2>
              <p className="mb-3 text-sm text-slate-800" data-testid="compare-basis">
                {from.number === base.from && to.number === base.to
                  ? myBase !== null
                    ? `Changes since your last decision: you ${VERDICT_TEXT[base.action!] ?? base.action} on revision ${base.from}; revision ${base.to} is the current one.`
                    : "Changes between the last two revisions: you have no verdict on an earlier revision."
                  : `Changes from revision ${from.number} to revision ${to.number}, as you chose.`}
              </p>
              <form method="get" action="#compare" className="mb-4 flex flex-wrap items-end gap-3">
                <div>
                  <Label htmlFor="from">From</Label>
                  <Select id="from" name="from" defaultValue={from.number}>
                    {revisions.map((r) => (
                      <option key={r.id} value={r.number}>
                        {revisionOption(r.number)}
                      </option>
                    ))}
                  </Select>
                </div>
                <div>
                  <Label htmlFor="to">To</Label>
                  <Select id="to" name="to" defaultValue={to.number}>
                    {revisions.map((r) => (
                      <option key={r.id} value={r.number}>
                        {revisionOption(r.number)}
                      </option>
                    ))}
                  </Select>
                </div>
                <Button type="submit" variant="secondary">
                  Compare
                </Button>
              </form>
              <div className="space-y-3" data-testid="slot-diffs">
                {diffs.map((d) => (
                  <div key={d.slot}>
                    <div className="text-sm font-medium">
                      {d.slot} {d.changed ? <Badge tone="blue">changed</Badge> : <Badge>unchanged</Badge>}
                    </div>
                    <p
                      className="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 p-2 text-sm"
                      aria-label={`Changes to ${d.slot} from revision ${from.number} to ${to.number}`}
                    >
                      {d.parts.map((p, i) =>
                        p.kind === "added" ? (
                          <ins key={i} className="bg-green-100 text-green-900 no-underline">
                            {p.text}
                          </ins>
                        ) : p.kind === "removed" ? (
                          <del key={i} className="bg-red-100 text-red-900">
                            {p.text}
                          </del>
                        ) : (
                          <span key={i}>{p.text}</span>
                        ),
                      )}
                    </p>
                  </div>
                ))}
              </div>
              <div className="mt-4 grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-2 text-sm font-medium">Revision {from.number}</h3>
                  <PreviewFrame parts={from.rendered} title={`Rendered revision ${from.number}`} />
                </div>
                <div>
                  <h3 className="mb-2 text-sm font-medium">Revision {to.number}</h3>
                  <PreviewFrame parts={to.rendered} title={`Rendered revision ${to.number}`} />
                </div>
              </div>
            </Card>
          )}
        </div>

        <div className="space-y-6">
          {item.status === "in_review" && (
            <Card>
              <h2 className="mb-3 text-base font-semibold">Your decision</h2>
              <DecisionPanel
                seen={seen}
                claim={data.claim && { ...data.claim, expiresAt: data.claim.expiresAt.toISOString() }}
                mayAct={data.may.act}
                mayApprove={data.may.approve}
                approveBlockedBy={data.may.approveBlockedBy}
              />
            </Card>
          )}
          {data.may.edit && (
            <Card>
              <p className="text-sm">
                <Link
                  href={`/library/${item.id}`}
                  className="text-brand-700 underline-offset-2 hover:underline"
                >
                  Edit this content in the Library
                </Link>
              </p>
            </Card>
          )}
          {data.may.retire && (
            <Card>
              <h2 className="mb-3 text-base font-semibold">Retire</h2>
              <RetireForm brandId={item.brandId} contentItemId={item.id} />
            </Card>
          )}
          <Card>
            <h2 className="mb-3 text-base font-semibold">Comments on revision {current.number}</h2>
            <Comments
              brandId={item.brandId}
              contentItemId={item.id}
              revisionId={current.id}
              thread={(comments.get(current.id) ?? []).map(serialize)}
            />
            {revisions.slice(1).some((r) => comments.get(r.id)?.length) && (
              <details className="mt-4 text-sm">
                <summary className="cursor-pointer font-medium">Comments on earlier revisions</summary>
                {revisions.slice(1).map((r) =>
                  comments.get(r.id)?.length ? (
                    <div key={r.id} className="mt-2">
                      <div className="text-xs font-medium text-slate-700">Revision {r.number}</div>
                      <Comments
                        brandId={item.brandId}
                        contentItemId={item.id}
                        revisionId={r.id}
                        thread={comments.get(r.id)!.map(serialize)}
                        readOnly
                      />
                    </div>
                  ) : null,
                )}
              </details>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">History</h2>
            <ol className="space-y-2 text-sm" aria-label="Review history">
              {data.history.map((h) => (
                <li key={h.id}>
                  <span className="font-medium">{h.by ?? "Brandgate"}</span>{" "}
                  {ACTION_LABEL[h.action] ?? h.action}
                  {h.stageIndex !== null && data.stages[h.stageIndex] && h.action !== "edited"
                    ? ` at ${data.stages[h.stageIndex]!.name}`
                    : ""}
                  <div className="text-xs text-slate-700">
                    <DateTime value={h.at} locale={locale} />
                  </div>
                  {h.comment && <p className="mt-1 whitespace-pre-wrap text-slate-800">“{h.comment}”</p>}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </>
  );
}

interface Node {
  id: string;
  body: string;
  author: string;
  createdAt: Date;
  replies: Node[];
}
export interface SerializedComment {
  id: string;
  body: string;
  author: string;
  createdAt: string;
  replies: SerializedComment[];
}
function serialize(n: Node): SerializedComment {
  return {
    id: n.id,
    body: n.body,
    author: n.author,
    createdAt: n.createdAt.toISOString(),
    replies: n.replies.map(serialize),
  };
}
