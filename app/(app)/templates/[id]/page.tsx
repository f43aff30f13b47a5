import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/authorize";
import { templateDefinitionSchema } from "@/lib/templates/definition";
import { diffTemplateVersions } from "@/lib/templates/diff-template-versions";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { previewTemplate } from "@/lib/templates/versions/preview-template";
import { DiffView } from "../../../_components/diff-view";
import { Badge, Card, PageHeader, TableScroll } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { ApproveButton } from "./approve-button";
import { PreviewFrame } from "./preview-frame";
import { TemplateEditor } from "./template-editor";

export const metadata: Metadata = { title: "Template" };

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ v?: string; from?: string; to?: string }>;
}) {
  const access = await requireSection("templates");
  if (!access.allowed) return <Forbidden />;
  const { session, membership } = access;
  const { id } = await params;
  const query = await searchParams;
  const entry = (await listTemplates(session, membership.brandId)).find((t) => t.template.id === id);
  if (!entry) notFound();
  const { template, versions } = entry;
  const selected = versions.find((v) => String(v.version) === query.v) ?? versions[0]!;
  const preview = await previewTemplate(session, {
    brandId: membership.brandId,
    definition: selected.definition,
  });
  const mayApprove = can(session, "templates:approve", membership.brandId);
  const mayEdit = can(session, "templates:edit", membership.brandId);
  const to = versions.find((v) => String(v.version) === query.to) ?? versions[0]!;
  const from = versions.find((v) => String(v.version) === query.from) ?? versions[1] ?? versions[0]!;
  const diff = diffTemplateVersions(
    templateDefinitionSchema.parse(from.definition),
    templateDefinitionSchema.parse(to.definition),
  );

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/templates" className="text-brand-700 underline-offset-2 hover:underline">
          ← Templates
        </Link>
      </p>
      <PageHeader
        title={template.name}
        description={`${template.channel} · key ${template.key} · showing v${selected.version}`}
      >
        {selected.approvedAt ? (
          <Badge tone="green">
            v{selected.version} approved by {selected.approver ?? "—"} ({selected.approverRole})
          </Badge>
        ) : (
          <Badge tone="blue">v{selected.version} awaiting approval</Badge>
        )}
      </PageHeader>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-base font-semibold">Preview with sample content</h2>
          {preview.ok ? (
            <PreviewFrame parts={preview.parts} title={`Preview of ${template.name} v${selected.version}`} />
          ) : (
            <p role="alert">This version does not compile.</p>
          )}
        </Card>

        <Card className="p-0">
          <h2 className="px-6 pt-5 text-base font-semibold">Versions</h2>
          <TableScroll label={`Versions of ${template.name}`}>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Versions of {template.name}</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-2 font-medium">
                    Version
                  </th>
                  <th scope="col" className="px-6 py-2 font-medium">
                    Note
                  </th>
                  <th scope="col" className="px-6 py-2 font-medium">
                    Approval
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.versionId} className="border-b border-slate-100 last:border-0">
                    <td className="px-6 py-2">
                      <Link
                        href={`/templates/${template.id}?v=${v.version}`}
                        className="font-medium text-brand-700 underline-offset-2 hover:underline"
                      >
                        v{v.version}
                      </Link>
                    </td>
                    <td className="px-6 py-2 text-slate-800">{v.note || "—"}</td>
                    <td className="px-6 py-2">
                      {v.approvedAt ? (
                        <Badge tone="green">approved</Badge>
                      ) : mayApprove ? (
                        <ApproveButton
                          brandId={membership.brandId}
                          versionId={v.versionId}
                          version={v.version}
                        />
                      ) : (
                        <Badge tone="blue">awaiting approval</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      </div>

      {versions.length > 1 && (
        <Card className="mt-6">
          <h2 className="mb-3 text-base font-semibold">
            Changes from v{from.version} to v{to.version}
          </h2>
          <form method="get" className="mb-3 flex flex-wrap items-end gap-3">
            {(["from", "to"] as const).map((name) => (
              <div key={name}>
                <label htmlFor={`tpl-${name}`} className="block text-sm font-medium text-slate-800">
                  {name === "from" ? "From" : "To"}
                </label>
                <select
                  id={`tpl-${name}`}
                  name={name}
                  defaultValue={(name === "from" ? from : to).version}
                  className="mt-1 rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
                >
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            >
              Compare
            </button>
          </form>
          {diff
            .filter((s) => s.changed)
            .map((section) => (
              <div key={section.section} className="mb-3">
                <h3 className="text-sm font-medium text-slate-900">{section.section}</h3>
                <DiffView lines={section.lines} label={`Changes in ${section.section}`} className="mt-1" />
              </div>
            ))}
          {diff.every((s) => !s.changed) && (
            <p className="text-sm text-slate-700">These versions are identical.</p>
          )}
        </Card>
      )}

      {mayEdit && (
        <Card className="mt-6">
          <h2 className="mb-3 text-base font-semibold">Edit (saves v{versions[0]!.version + 1})</h2>
          <TemplateEditor
            brandId={membership.brandId}
            templateKey={template.key}
            initial={JSON.stringify(selected.definition, null, 2)}
          />
        </Card>
      )}
    </>
  );
}
