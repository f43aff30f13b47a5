import type { Metadata } from "next";
import Link from "next/link";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { Badge, Card, PageHeader, TableScroll } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const access = await requireSection("templates");
  if (!access.allowed) return <Forbidden />;
  const list = await listTemplates(access.session, access.membership.brandId);
  return (
    <>
      <PageHeader
        title="Templates"
        description="Versioned Handlebars templates. Only an approved version can wrap content."
      />
      <Card className="p-0">
        {list.length === 0 ? (
          <p className="p-6 text-sm text-slate-700">No templates have been loaded for this brand yet.</p>
        ) : (
          <TableScroll label="Templates">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Templates</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Template
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Channel
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Latest version
                  </th>
                  <th scope="col" className="px-6 py-3 font-medium">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map(({ template, versions }) => {
                  const latest = versions[0]!;
                  const approved = versions.find((v) => v.approvedAt);
                  return (
                    <tr key={template.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-6 py-3">
                        <Link
                          href={`/templates/${template.id}`}
                          className="font-medium text-brand-700 underline-offset-2 hover:underline"
                        >
                          {template.name}
                        </Link>
                      </td>
                      <td className="px-6 py-3 text-slate-800">{template.channel}</td>
                      <td className="px-6 py-3 text-slate-800">v{latest.version}</td>
                      <td className="px-6 py-3">
                        {latest.approvedAt ? (
                          <Badge tone="green">approved</Badge>
                        ) : (
                          <Badge tone="blue">
                            {approved
                              ? `awaiting approval (v${approved.version} in use)`
                              : "awaiting approval"}
                          </Badge>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </>
  );
}
