import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getAsset } from "@/lib/brand/assets/get-asset";
import { checkResultSchema, type CheckResult } from "@/lib/brand/checks/types";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { AppError } from "@/lib/errors";
import { ScoreBadge } from "../../../_components/score-badge";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { FixButton } from "./fix-button";
import { HighlightedText } from "./highlighted-text";
import { VerdictBadge } from "./verdict-badge";

export const metadata: Metadata = { title: "Asset" };

export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("assets");
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const brandId = access.membership.brandId;
  const found = await getAsset(access.session, brandId, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const { asset, check } = found;
  const results: CheckResult[] = check ? z.array(checkResultSchema).parse(check.results) : [];
  const failing = results.filter((r) => r.verdict !== "pass");
  const passing = results.filter((r) => r.verdict === "pass");
  const palette = asset.kind === "image" ? (await getPublishedKit(brandId))?.kit.palette : undefined;
  const dominant = results.flatMap((r) => r.measurements?.dominantColours ?? []);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/assets" className="text-brand-700 underline-offset-2 hover:underline">
          ← Assets
        </Link>
      </p>
      <PageHeader
        title={asset.name}
        description={
          check
            ? `Checked against brand kit v${check.kitVersion}`
            : "Not checked: this brand has no published kit."
        }
      >
        <ScoreBadge
          score={check?.score ?? null}
          blocked={check?.blocked ?? null}
          legalReview={check?.legalReview}
        />
      </PageHeader>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          {asset.kind === "copy" ? (
            <>
              <h2 className="mb-3 text-base font-semibold">Copy</h2>
              <HighlightedText
                text={asset.text ?? ""}
                spans={failing.flatMap((r) => r.spans.map((s) => ({ ...s, verdict: r.verdict })))}
              />
            </>
          ) : (
            <>
              <h2 className="mb-3 text-base font-semibold">Image</h2>
              {/* eslint-disable-next-line @next/next/no-img-element -- authenticated bytes from our own route */}
              <img
                src={`/api/assets/${asset.id}/image?brandId=${brandId}`}
                alt={asset.name}
                className="max-h-80 rounded border border-slate-200"
              />
              <p className="mt-2 text-sm text-slate-700">
                {asset.mime} · {asset.width}×{asset.height} · {asset.sizeBytes} bytes
              </p>
              {palette && (
                <div className="mt-4 space-y-3">
                  <ColourRow
                    title="Brand palette"
                    colours={palette.colours.map((c) => ({ hex: c.hex, label: c.name }))}
                  />
                  {dominant.length > 0 && (
                    <ColourRow
                      title={`Dominant colours (tolerance ΔE ${palette.tolerance})`}
                      colours={dominant.map((d) => ({
                        hex: d.hex,
                        label: `${Math.round(d.share * 100)}% · ΔE ${d.deltaE.toFixed(1)} to ${d.nearest.name}${d.onPalette ? "" : " — off palette"}`,
                      }))}
                    />
                  )}
                </div>
              )}
            </>
          )}
        </Card>

        <Card>
          <h2 className="mb-3 text-base font-semibold">Check results</h2>
          {results.length === 0 && <p className="text-sm text-slate-700">No results.</p>}
          <ul className="space-y-3" aria-label="Findings">
            {failing.map((r) => (
              <li
                key={r.checkId}
                className="rounded-md border border-slate-200 p-3"
                data-testid={`check-${r.checkId}`}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{label(r.checkId)}</span>
                  <VerdictBadge verdict={r.verdict} />
                </div>
                <p className="mt-1 text-sm text-slate-800">{r.explanation}</p>
                {r.spans.length > 0 && (
                  <ul className="mt-1 list-disc pl-5 text-sm text-slate-800">
                    {r.spans.slice(0, 5).map((s) => (
                      <li key={`${s.start}-${s.end}`}>
                        <q>{s.text}</q> — {s.message}
                      </li>
                    ))}
                  </ul>
                )}
                {r.fix && asset.kind === "copy" && (
                  <FixButton
                    brandId={brandId}
                    assetId={asset.id}
                    checkId={r.checkId}
                    description={r.fix.description}
                  />
                )}
              </li>
            ))}
          </ul>
          {passing.length > 0 && (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-slate-800">{passing.length} checks passed</summary>
              <ul className="mt-2 space-y-1">
                {passing.map((r) => (
                  <li key={r.checkId} className="text-slate-800">
                    {label(r.checkId)} — {r.explanation}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </Card>
      </div>
    </>
  );
}

function label(checkId: string): string {
  return checkId
    .replace(/^(text|image)\./, "")
    .replace(/[-_.]/g, " ")
    .replace(/^./, (c) => c.toUpperCase());
}

function ColourRow({ title, colours }: { title: string; colours: { hex: string; label: string }[] }) {
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-900">{title}</h3>
      <ul className="mt-1 flex flex-wrap gap-3">
        {colours.map((c) => (
          <li key={`${c.hex}-${c.label}`} className="flex items-center gap-2 text-xs text-slate-800">
            <span
              aria-hidden
              className="inline-block h-6 w-6 rounded border border-slate-300"
              style={{ backgroundColor: c.hex }}
            />
            <span>
              {c.hex} · {c.label}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
