import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { CheckResult } from "@/lib/brand/checks/types";
import { getContentItem } from "@/lib/content/get-content-item";
import { AppError } from "@/lib/errors";
import { getGeneration } from "@/lib/generation/get-generation";
import { slotLabel } from "@/lib/templates/slot-label";
import { ScoreBadge } from "../../../../_components/score-badge";
import { SlotFindings } from "../../../../_components/slot-findings";
import { Badge, Card, PageHeader } from "../../../../_components/ui";
import { Forbidden, requireSection } from "../../../require-section";
import { GenerationProgress } from "./generation-progress";
import { StepsTimeline } from "./steps-timeline";

export const metadata: Metadata = { title: "Generation" };

type PerSlot = Record<string, { score: number; blocked: boolean; results: CheckResult[] }>;

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("studio");
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const brandId = access.membership.brandId;
  const gen = await getGeneration(access.session, brandId, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const ended =
    gen.status === "blocked" ||
    gen.status === "failed" ||
    (gen.status === "succeeded" && gen.steps.some((s) => s.name === "submit"));
  if (!ended)
    return (
      <>
        <PageHeader
          title="Generating"
          description="Brandgate checks the brief, generates and checks the copy."
        />
        <GenerationProgress brandId={brandId} id={id} />
      </>
    );

  const item = gen.contentItemId ? await getContentItem(access.session, brandId, gen.contentItemId) : null;
  const current = item?.revisions[0];
  const perSlot: PerSlot = current?.checkResults ?? {};
  const reasons = Array.isArray(gen.outcome?.reasons) ? gen.outcome.reasons.map(String) : [];
  const totalMs = gen.steps.reduce((sum, s) => sum + s.ms, 0);
  return (
    <>
      <PageHeader
        title={item?.title ?? (gen.status === "blocked" ? "Brief blocked" : "Generation failed")}
        description={item ? `${item.templateName} · ${item.channel} · generated copy` : undefined}
      >
        {current ? (
          <ScoreBadge score={current.score} blocked={current.blocked} legalReview={current.legalReview} />
        ) : (
          <Badge tone="red">{gen.status}</Badge>
        )}
      </PageHeader>

      {item && current ? (
        <Card>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold">The copy</h2>
            <Badge>{item.status.replace("_", " ")}</Badge>
          </div>
          <dl className="mt-3 space-y-3">
            {item.slots.map((slot) => {
              const value = current.slots[slot.name];
              const checks = perSlot[slot.name];
              return (
                <div
                  key={slot.name}
                  className="rounded-md border border-slate-200 p-3"
                  data-testid={`copy-${slot.name}`}
                >
                  <dt className="flex flex-wrap items-center justify-between gap-2 text-sm font-medium text-slate-900">
                    {slotLabel(slot)}
                    {checks && <ScoreBadge score={checks.score} blocked={checks.blocked} />}
                  </dt>
                  <dd className="mt-1 whitespace-pre-wrap break-words text-slate-900">
                    {Array.isArray(value) ? value.join("\n") : value || "—"}
                    <SlotFindings slot={slotLabel(slot)} results={checks?.results} />
                  </dd>
                </div>
              );
            })}
          </dl>
          <p className="mt-4">
            <Link href={`/library/${item.id}`} className={linkClass}>
              Edit and submit for review
            </Link>
          </p>
        </Card>
      ) : (
        <Card>
          <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
            <p className="font-medium">
              {gen.status === "blocked" ? "The checks blocked this brief" : "The generation failed"}
            </p>
            <ul className="list-disc pl-5">
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
          <p className="mt-4">
            <Link href={`/studio?from=${gen.id}`} className={linkClass}>
              Edit the brief and try again
            </Link>
          </p>
        </Card>
      )}

      <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-medium text-slate-900">
          How it was made: {gen.steps.length} steps, {totalMs} ms
        </summary>
        <div className="mt-3">
          <StepsTimeline steps={gen.steps} />
        </div>
      </details>
    </>
  );
}
