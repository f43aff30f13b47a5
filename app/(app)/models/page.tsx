import type { Metadata } from "next";
import Link from "next/link";
import { listEvaluationBriefs } from "@/lib/evaluation/list-evaluation-briefs";
import { listModelEvaluations, type EvaluationSummary } from "@/lib/evaluation/list-model-evaluations";
import { listModelVersions } from "@/lib/models/registry/list-model-versions";
import { listModels } from "@/lib/models/registry/list-models";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { getTrainingSchedules, type TrainingSchedule } from "@/lib/personalisation/get-training-schedules";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { VERSION_STATS_WINDOW_HOURS, versionStats } from "@/lib/models/registry/version-stats";
import { formatDateTime } from "../../_components/format-date-time";
import { requestLocale } from "../../_components/request-locale";
import { Badge, Card, PageHeader, TableScroll } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { describeLineage } from "./describe-lineage";
import { EvaluationBriefForm } from "./evaluation-brief-form";
import { NewModelForm } from "./new-model-form";
import { TrainNowButton } from "./train-now-button";

const STATUS_TONE = {
  passed: "green",
  failed: "red",
  error: "red",
  queued: "slate",
  running: "blue",
} as const;
const STATUS_TEXT = {
  passed: "passed",
  failed: "rejected",
  error: "evaluation error",
  queued: "evaluating",
  running: "evaluating",
} as const;

/** A version's evaluation: its status, and on expanding, the summary and every gate. */
function EvaluationReport({ evaluation }: { evaluation: EvaluationSummary }) {
  return (
    <details>
      <summary className="cursor-pointer">
        <Badge tone={STATUS_TONE[evaluation.status]}>{STATUS_TEXT[evaluation.status]}</Badge>
      </summary>
      <div className="mt-2 space-y-1 text-xs text-slate-800">
        {evaluation.summary && <p>{evaluation.summary}</p>}
        {evaluation.setVersion && <p>Set {evaluation.setVersion}</p>}
        {evaluation.gates.length > 0 && (
          <ul>
            {evaluation.gates.map((g) => (
              <li key={g.name}>
                {g.passed ? "✓" : "✗"} {g.name}: {g.value ?? "n/a"} (needs {g.op} {g.threshold})
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

export const metadata: Metadata = { title: "Models" };

/** A personalisation model's retraining schedule and its last training run. */
function TrainingPanel({ schedule, locale }: { schedule: TrainingSchedule | undefined; locale: string }) {
  if (!schedule) return null;
  const when = (d: Date) => formatDateTime(d, locale);
  const { everyHours, windowDays, newestVersionAt, nextDueAt, lastRun } = schedule;
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="text-slate-700">Retraining schedule</dt>
      <dd className="text-slate-900">
        {everyHours === null
          ? `On demand only, on the last ${windowDays} days of events`
          : `Every ${everyHours} h on the last ${windowDays} days of events${nextDueAt ? `; next due ${when(nextDueAt)}` : ""}`}
      </dd>
      <dt className="text-slate-700">Last run</dt>
      <dd className="text-slate-900">
        {lastRun
          ? `${lastRun.state}, queued ${when(lastRun.queuedAt)}${lastRun.finishedAt ? `, finished ${when(lastRun.finishedAt)}` : ""}`
          : newestVersionAt
            ? `Newest version registered ${when(newestVersionAt)}`
            : "Never trained"}
      </dd>
    </dl>
  );
}

export default async function ModelsPage() {
  const access = await requireSection("models");
  if (!access.allowed) return <Forbidden />;
  const locale = await requestLocale();
  const brandId = access.membership.brandId;
  const [models, stats, evaluations, set, starters, versions, schedules] = await Promise.all([
    listModels(access.session, brandId),
    versionStats(access.session, brandId),
    listModelEvaluations(access.session, brandId),
    listEvaluationBriefs(access.session, brandId),
    loadStarterTemplates(),
    listModelVersions(access.session, brandId),
    getTrainingSchedules(modelCallerOf(access.session, brandId)),
  ]);
  const evaluationOf = new Map(evaluations.map((e) => [e.versionId, e]));
  return (
    <>
      <PageHeader
        title="Models"
        description="Registered generation and personalisation models, their labelled versions and the last day's calls."
      >
        <Link href="/models/drift" className="text-sm font-medium text-brand-900 underline">
          Input drift
        </Link>
      </PageHeader>
      {models.length === 0 && (
        <Card>
          <p className="text-sm text-slate-700">No models are registered yet.</p>
        </Card>
      )}
      <div className="space-y-6">
        {models.map((m) => (
          <Card key={m.id} className="p-0">
            <div className="flex flex-wrap items-center justify-between gap-3 px-6 pt-5">
              <div>
                <h2 className="text-base font-semibold">{m.name}</h2>
                <p className="text-sm text-slate-700">
                  <code>{m.slug}</code> · {m.kind} · {m.latestVersion} version
                  {m.latestVersion === 1 ? "" : "s"}
                  {m.description ? ` · ${m.description}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {Object.entries(m.labels).map(([label, v]) => (
                  <Badge key={label} tone={label === "stable" ? "green" : "blue"}>
                    {label}: v{v!.version}
                  </Badge>
                ))}
                <Link
                  href={`/rollouts?model=${m.id}`}
                  className="text-sm font-medium text-brand-900 underline"
                >
                  Rollouts of {m.name}
                </Link>
                <Link
                  href={`/models/${m.slug}/register`}
                  className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
                >
                  {m.kind === "generation" ? "Register version" : "Upload ONNX version"}
                </Link>
              </div>
            </div>
            {m.kind === "generation" && (
              <TableScroll label={`Versions of ${m.name}`}>
                <table className="mt-3 w-full text-left text-sm">
                  <caption className="sr-only">Versions of {m.name}</caption>
                  <thead className="border-b border-slate-200 text-slate-700">
                    <tr>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Version
                      </th>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Provider model
                      </th>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Calls ({VERSION_STATS_WINDOW_HOURS} h)
                      </th>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Error rate
                      </th>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Latency p50 / p95
                      </th>
                      <th scope="col" className="px-6 py-2 font-medium">
                        Evaluation
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats
                      .filter((s) => s.modelName === m.name)
                      .map((s) => (
                        <tr key={s.versionId} className="border-b border-slate-100 last:border-0">
                          <td className="px-6 py-2 font-medium">
                            <Link
                              href={`/models/${m.slug}/versions/${s.tag}`}
                              className="text-brand-900 underline"
                            >
                              {s.tag === String(s.version) ? `v${s.version}` : s.tag}
                            </Link>
                          </td>
                          <td className="px-6 py-2 text-slate-800">{s.providerModel}</td>
                          <td className="px-6 py-2 text-slate-800">{s.calls}</td>
                          <td className="px-6 py-2 text-slate-800" data-testid={`error-rate-${s.tag}`}>
                            {s.calls ? (
                              <>
                                <span className="font-medium">
                                  {((100 * s.errors) / s.calls).toFixed(0)}%
                                </span>
                                <span className="block text-xs text-slate-700">
                                  {s.errors} {s.errors === 1 ? "error" : "errors"} in {s.calls}{" "}
                                  {s.calls === 1 ? "call" : "calls"}
                                  {s.refused ? ` · ${s.refused} refused by the breaker` : ""}
                                </span>
                              </>
                            ) : (
                              "—"
                            )}
                          </td>
                          <td className="px-6 py-2 text-slate-800">
                            {s.p50 === null
                              ? "—"
                              : `${Math.round(Number(s.p50))} ms / ${Math.round(Number(s.p95))} ms`}
                          </td>
                          <td className="px-6 py-2 text-slate-800">
                            {evaluationOf.has(s.versionId) ? (
                              <EvaluationReport evaluation={evaluationOf.get(s.versionId)!} />
                            ) : (
                              "—"
                            )}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {m.kind === "generation" && (
              <p className="px-6 pb-3 text-xs text-slate-700">
                Over the last {VERSION_STATS_WINDOW_HOURS} h. A call is one request sent to the version,
                retries included; an error is a call that failed (a provider error, a timeout or a cut
                stream). Calls refused while the circuit breaker was open and calls the caller abandoned are
                not counted as calls.
              </p>
            )}
            {m.kind === "personalisation" && (
              <div className="mt-3 space-y-3 border-t border-slate-200 px-6 py-4">
                <TrainingPanel schedule={schedules.get(m.id)} locale={locale} />
                <TrainNowButton brandId={brandId} model={m.slug} />
              </div>
            )}
            <div className="border-t border-slate-200 px-6 py-4">
              <h3 className="text-sm font-semibold text-slate-900">Versions and lineage</h3>
              <ul className="mt-2 space-y-2 text-sm">
                {versions
                  .filter((v) => v.modelId === m.id)
                  .map((v) => (
                    <li key={v.id} className="flex flex-wrap items-start gap-2">
                      <Link
                        href={`/models/${m.slug}/versions/${encodeURIComponent(v.tag)}`}
                        className="font-medium text-brand-900 underline"
                      >
                        {v.tag === String(v.version) ? `v${v.version}` : `${v.tag} (#${v.version})`}
                      </Link>
                      {v.retired && <Badge tone="slate">retired</Badge>}
                      {v.labels.map((l) => (
                        <Badge key={l} tone={l === "stable" ? "green" : "blue"}>
                          {l}
                        </Badge>
                      ))}
                      <span className="text-slate-800">{describeLineage(v)}</span>
                      {m.kind === "personalisation" && evaluationOf.has(v.id) && (
                        <EvaluationReport evaluation={evaluationOf.get(v.id)!} />
                      )}
                    </li>
                  ))}
              </ul>
            </div>
          </Card>
        ))}
      </div>
      <Card className="mt-6 p-0">
        <NewModelForm brandId={brandId} />
      </Card>
      <Card className="mt-6 p-0">
        <p className="px-6 pt-5 text-sm text-slate-700">
          New versions are evaluated on {set.briefs.length} briefs (set {set.version}):{" "}
          {set.briefs.length - set.briefs.filter((b) => b.id.startsWith("brand:")).length} shipped golden
          briefs and {set.briefs.filter((b) => b.id.startsWith("brand:")).length} of this brand&apos;s own.
        </p>
        <EvaluationBriefForm brandId={brandId} templates={starters.map((t) => t.key)} />
      </Card>
    </>
  );
}
