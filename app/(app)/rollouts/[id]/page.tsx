import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { listModelVersions } from "@/lib/models/registry/list-model-versions";
import { getRollout, type RolloutDetail } from "@/lib/rollout/get-rollout";
import { METRICS } from "@/lib/rollout/metrics";
import { Card, PageHeader } from "../../../_components/ui";
import { formatDateTime } from "../../../_components/format-date-time";
import { requestLocale } from "../../../_components/request-locale";
import { Forbidden, requireSection } from "../../require-section";
import { describeStage, StatusBadge, STRATEGY_TEXT } from "../rollout-text";
import { DecisionLog } from "./decision-log";
import { MetricSection } from "./metric-section";
import { RolloutControls } from "./rollout-controls";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("rollouts");
  const locale = await requestLocale();
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  let detail: RolloutDetail;
  try {
    detail = await getRollout(access.session, { rolloutId: id });
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "validation_failed")) notFound();
    if (err instanceof AppError && err.code === "forbidden") return <Forbidden />;
    throw err;
  }
  const { rollout: r, decisions, series } = detail;
  const versions = await listModelVersions(access.session, r.brandId);
  const version = (versionId: string) => versions.find((v) => v.id === versionId);
  const stable = version(r.stableVersionId);
  const candidate = version(r.candidateVersionId);
  const latest = decisions.at(-1);
  const live = r.status === "active" || r.status === "paused";
  const serving = r.strategy === "shadow" || !live ? 0 : r.candidateWeight;
  return (
    <>
      <PageHeader
        title={`Rollout of ${r.modelName}`}
        description={`${STRATEGY_TEXT[r.strategy]} · started ${formatDateTime(r.startedAt, locale)}${r.endedAt ? ` · ended ${formatDateTime(r.endedAt, locale)}` : ""}`}
      >
        <Link href="/rollouts" className="text-sm font-medium text-brand-900 underline">
          All rollouts
        </Link>
      </PageHeader>

      {latest?.decision === "blocked" && (
        <div
          role="alert"
          className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          <p className="font-semibold">Sample-ratio mismatch</p>
          <p className="mt-1">
            The last look found the arms&apos; unit counts far from the configured split, so no decision was
            taken: assignment or logging may be broken. Check the routing before trusting these numbers.
          </p>
        </div>
      )}

      <Card>
        <dl className="grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-700">Status</dt>
            <dd className="mt-1">
              <StatusBadge status={r.status} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Stage</dt>
            <dd className="mt-1 font-medium" data-testid="rollout-stage">
              {describeStage(r)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Stable</dt>
            <dd className="mt-1">
              <span className="font-medium">{100 - serving}%</span> · v{stable?.version}{" "}
              {stable?.providerModel && `(${stable.providerModel})`}
              <code className="block text-xs text-slate-700" data-testid="stable-version-id">
                {r.stableVersionId}
              </code>
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Candidate</dt>
            <dd className="mt-1">
              <span className="font-medium">{serving}%</span> · v{candidate?.version}{" "}
              {candidate?.providerModel && `(${candidate.providerModel})`}
              <code className="block text-xs text-slate-700" data-testid="candidate-version-id">
                {r.candidateVersionId}
              </code>
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-xs text-slate-700">
          Primary metric: {METRICS[r.parsedConfig.primaryMetric].label} · guardrails:{" "}
          {r.parsedConfig.guardrails.map((g) => `${METRICS[g.metric].label} (±${g.tolerance})`).join(", ") ||
            "none"}{" "}
          · α {r.parsedConfig.alpha} · looks every {r.parsedConfig.intervalSeconds} s
        </p>
        {live && (
          <div className="mt-6 border-t border-slate-200 pt-4">
            <RolloutControls rolloutId={r.id} brandId={r.brandId} status={r.status} />
          </div>
        )}
      </Card>

      <h2 className="mt-8 mb-3 text-lg font-semibold text-slate-900">Metrics</h2>
      {series.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">
            No metrics yet: they appear after the first look that finds traffic on either arm.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          {series.map((s) => (
            <MetricSection key={s.metric} series={s} primary={s.metric === r.parsedConfig.primaryMetric} />
          ))}
        </div>
      )}

      <h2 className="mt-8 mb-3 text-lg font-semibold text-slate-900">Decision log</h2>
      <DecisionLog decisions={decisions} locale={locale} />
    </>
  );
}
