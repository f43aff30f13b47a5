import type { Metadata } from "next";
import Link from "next/link";
import { listModelVersions } from "@/lib/models/registry/list-model-versions";
import { listModels } from "@/lib/models/registry/list-models";
import { listRollouts } from "@/lib/rollout/list-rollouts";
import { METRICS } from "@/lib/rollout/metrics";
import { Card, PageHeader, TableScroll } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { describeStage, StatusBadge, STRATEGY_TEXT } from "./rollout-text";
import { StartRolloutForm, type ModelChoice } from "./start-rollout-form";

export const metadata: Metadata = { title: "Rollouts" };

export default async function RolloutsPage({ searchParams }: { searchParams: Promise<{ model?: string }> }) {
  const access = await requireSection("rollouts");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const { model: modelFilter } = await searchParams;
  const [rollouts, models, versions] = await Promise.all([
    listRollouts(access.session, { brandId, limit: 200 }),
    listModels(access.session, brandId),
    listModelVersions(access.session, brandId),
  ]);
  const shown = modelFilter ? rollouts.filter((r) => r.modelId === modelFilter) : rollouts;
  const choices: ModelChoice[] = models.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    stableVersion: m.labels.stable?.version ?? null,
    versions: versions
      .filter((v) => v.modelId === m.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        detail: v.providerModel ?? (v.notes || "personalisation artifact"),
        stable: v.labels.includes("stable"),
        rejected: v.evaluationStatus === "failed",
      })),
  }));
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Candidate versions against the stable one: canary steps, A/B splits, shadow mirrors and blue-green switches, decided by always-valid tests."
      />
      <Card className="p-0">
        {modelFilter && (
          <p className="px-6 pt-4 text-sm text-slate-700">
            Showing one model&apos;s rollouts.{" "}
            <Link href="/rollouts" className="font-medium text-brand-900 underline">
              Show all
            </Link>
          </p>
        )}
        {shown.length === 0 ? (
          <p className="px-6 py-5 text-sm text-slate-700">No rollouts yet.</p>
        ) : (
          <TableScroll label="Rollouts, newest first">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Rollouts, newest first</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  {["Model", "Versions", "Strategy", "Status", "Step / weight", "Started"].map((h) => (
                    <th key={h} scope="col" className="px-6 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-6 py-2 font-medium">
                      <Link href={`/rollouts/${r.id}`} className="text-brand-900 underline">
                        {r.modelName}
                      </Link>
                    </td>
                    <td className="px-6 py-2 text-slate-800">
                      v{versionOf.get(r.stableVersionId)} → v{versionOf.get(r.candidateVersionId)}
                    </td>
                    <td className="px-6 py-2 text-slate-800">{STRATEGY_TEXT[r.strategy]}</td>
                    <td className="px-6 py-2">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="px-6 py-2 text-slate-800">{describeStage(r)}</td>
                    <td className="px-6 py-2 text-slate-800">{r.startedAt.toLocaleString("en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card className="mt-6 p-0">
        <StartRolloutForm
          brandId={brandId}
          models={choices}
          metrics={Object.values(METRICS).map((m) => ({ id: m.id, label: m.label, group: m.group }))}
        />
      </Card>
    </>
  );
}
