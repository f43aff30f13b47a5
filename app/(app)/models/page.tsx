import type { Metadata } from "next";
import { listModels } from "@/lib/models/registry/list-models";
import { versionStats } from "@/lib/models/registry/version-stats";
import { Badge, Card, PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const access = await requireSection("models");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const [models, stats] = await Promise.all([
    listModels(access.session, brandId),
    versionStats(access.session, brandId),
  ]);
  return (
    <>
      <PageHeader
        title="Models"
        description="Registered generation and personalisation models, their labelled versions and the last day's calls."
      />
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
                  {m.kind} · {m.latestVersion} version{m.latestVersion === 1 ? "" : "s"}
                  {m.description ? ` · ${m.description}` : ""}
                </p>
              </div>
              <div className="flex gap-2">
                {Object.entries(m.labels).map(([label, v]) => (
                  <Badge key={label} tone={label === "stable" ? "green" : "blue"}>
                    {label}: v{v!.version}
                  </Badge>
                ))}
              </div>
            </div>
            {m.kind === "generation" && (
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
                      Calls (24 h)
                    </th>
                    <th scope="col" className="px-6 py-2 font-medium">
                      Error rate
                    </th>
                    <th scope="col" className="px-6 py-2 font-medium">
                      Latency p50 / p95
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats
                    .filter((s) => s.modelName === m.name)
                    .map((s) => (
                      <tr key={s.versionId} className="border-b border-slate-100 last:border-0">
                        <td className="px-6 py-2 font-medium">v{s.version}</td>
                        <td className="px-6 py-2 text-slate-800">{s.providerModel}</td>
                        <td className="px-6 py-2 text-slate-800">{s.attempts}</td>
                        <td className="px-6 py-2 text-slate-800">
                          {s.attempts ? `${((100 * s.errors) / s.attempts).toFixed(1)}%` : "—"}
                        </td>
                        <td className="px-6 py-2 text-slate-800">
                          {s.p50 === null
                            ? "—"
                            : `${Math.round(Number(s.p50))} ms / ${Math.round(Number(s.p95))} ms`}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
