import type { Metadata } from "next";
import type { StoredBriefComparison } from "@/db/schema/json/rollout-state";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getVersionStatusFor, type VersionStatus } from "@/lib/rollout/get-version-status";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { Badge, Card, PageHeader } from "../../../../../_components/ui";
import { Forbidden, requireSection } from "../../../../require-section";
import { EvaluationProgress } from "./evaluation-progress";
import { VersionActions } from "./version-actions";

export const metadata: Metadata = { title: "Model version" };

const STATE_TONE = {
  evaluating: "blue",
  rejected: "red",
  error: "red",
  ready: "slate",
  canary: "blue",
  stable: "green",
  retired: "slate",
} as const;

type BriefRow = StoredBriefComparison;

function Output({ row }: { row: Omit<BriefRow, "baseline"> | null }) {
  if (!row) return <span className="text-slate-600">—</span>;
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-700">
        {row.error
          ? "no answer"
          : `${row.compliant ? "compliant" : "not compliant"} · score ${row.score ?? 0}`}{" "}
        · {row.latencyMs} ms
      </p>
      <p className="whitespace-pre-wrap break-words font-mono text-xs text-slate-900">
        {row.error ?? row.text ?? ""}
      </p>
      {row.problems && row.problems.length > 0 && (
        <p className="text-xs text-red-900">{row.problems.slice(0, 3).join("; ")}</p>
      )}
    </div>
  );
}

export default async function ModelVersionPage({
  params,
}: {
  params: Promise<{ model: string; version: string }>;
}) {
  const access = await requireSection("models");
  if (!access.allowed) return <Forbidden />;
  const { model, version } = await params;
  const brandId = access.membership.brandId;
  let status: VersionStatus;
  try {
    status = await getVersionStatusFor(modelCallerOf(access.session, brandId), {
      model: decodeURIComponent(model),
      version: decodeURIComponent(version),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    if (err instanceof AppError && err.code === "forbidden") return <Forbidden />;
    throw err;
  }
  const v = status.version;
  const evaluation = status.evaluation;
  const briefs = evaluation?.briefs ?? [];
  return (
    <>
      <PageHeader
        title={`${status.model.name} · ${v.tag}`}
        description={`Version #${v.version} of “${status.model.slug}” · ${v.generation?.modelName ?? "personalisation"}${v.generation?.baseUrl ? ` at ${v.generation.baseUrl}` : v.generation ? " on the built-in server" : ""}`}
      >
        <Link href="/models" className="text-sm font-medium text-brand-900 underline">
          All models
        </Link>
      </PageHeader>

      <Card>
        <dl className="grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-700">State</dt>
            <dd className="mt-1" data-testid="version-state">
              <Badge tone={STATE_TONE[status.state]}>{status.state}</Badge>
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Labels</dt>
            <dd className="mt-1">{status.labels.length ? status.labels.join(", ") : "—"}</dd>
            <dd className="mt-1">
              <code className="text-xs text-slate-700" data-testid="version-id">
                {v.id}
              </code>
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Traffic</dt>
            <dd className="mt-1" data-testid="version-traffic">
              {status.rollout ? (
                <Link
                  href={`/rollouts/${status.rollout.id}`}
                  className="font-medium text-brand-900 underline"
                >
                  canary: {status.rollout.weight}% candidate / {100 - status.rollout.weight}% stable
                </Link>
              ) : status.state === "stable" ? (
                "serves stable traffic"
              ) : (
                "none"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Price per M tokens</dt>
            <dd className="mt-1">
              {v.generation?.priceInputPerMillion != null
                ? `$${v.generation.priceInputPerMillion} in / $${v.generation.priceOutputPerMillion ?? "?"} out`
                : "—"}
            </dd>
          </div>
        </dl>
        {status.state === "evaluating" && (
          <div className="mt-4">
            <EvaluationProgress
              brandId={brandId}
              model={status.model.slug}
              version={v.tag}
              initial={status.progress}
            />
          </div>
        )}
      </Card>

      {evaluation && evaluation.status !== "queued" && evaluation.status !== "running" && (
        <Card className="mt-6">
          <h2 className="text-base font-semibold text-slate-900">Evaluation report</h2>
          {evaluation.summary && (
            <p className="mt-1 text-sm text-slate-800" data-testid="evaluation-summary">
              {evaluation.summary}
            </p>
          )}
          {evaluation.gates.length > 0 && (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Gates</caption>
                <thead className="border-b border-slate-200 text-slate-700">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Gate
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Value
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Needs
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Result
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {evaluation.gates.map((g) => (
                    <tr key={g.name} className="border-b border-slate-100 last:border-0">
                      <td className="py-2 pr-4">{g.name}</td>
                      <td className="py-2 pr-4">{g.value ?? "n/a"}</td>
                      <td className="py-2 pr-4">
                        {g.op} {g.threshold}
                      </td>
                      <td className="py-2">
                        <Badge tone={g.passed ? "green" : "red"}>{g.passed ? "passed" : "failed"}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {briefs.length > 0 && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-900">
                Sample outputs beside stable&apos;s ({briefs.length} briefs)
              </summary>
              <div className="mt-3 space-y-3">
                {briefs.slice(0, 20).map((b) => (
                  <div key={b.briefId} className="grid gap-3 border-t border-slate-100 pt-3 md:grid-cols-2">
                    <div>
                      <p className="text-xs font-semibold text-slate-900">{b.briefId} · this version</p>
                      <Output row={b} />
                    </div>
                    <div>
                      <p className="text-xs font-semibold text-slate-900">stable</p>
                      <Output row={b.baseline} />
                    </div>
                  </div>
                ))}
              </div>
            </details>
          )}
        </Card>
      )}

      <Card className="mt-6">
        <h2 className="mb-3 text-base font-semibold text-slate-900">Labels, retirement and rollback</h2>
        <VersionActions
          brandId={brandId}
          model={status.model.slug}
          version={v.tag}
          retired={status.state === "retired"}
          canRollback
        />
      </Card>
    </>
  );
}
