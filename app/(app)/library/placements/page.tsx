import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/authorize";
import { listPlacements } from "@/lib/placements/list-placements";
import { Badge, Card, PageHeader, TableScroll } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { DetachButton } from "./detach-button";

export const metadata: Metadata = { title: "Placements" };

export default async function PlacementsPage() {
  const access = await requireSection("library");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const placements = await listPlacements(access.session, brandId);
  const mayEdit = can(access.session, "studio:use", brandId);
  return (
    <>
      <PageHeader
        title="Placements"
        description="Named slots in downstream apps. The content API serves each unit one approved variant, and keeps serving it while it stays approved."
      />
      {placements.length === 0 && (
        <p className="text-sm text-slate-800">
          No placements yet. Open an approved item in the{" "}
          <Link href="/library?status=approved" className="text-brand-700 underline underline-offset-2">
            library
          </Link>{" "}
          and attach it to a placement key.
        </p>
      )}
      <ul className="space-y-4">
        {placements.map((p) => (
          <li key={p.id}>
            <Card>
              <h2 className="font-mono text-base font-semibold">{p.key}</h2>
              {p.description && <p className="text-sm text-slate-800">{p.description}</p>}
              <p className="mt-1 text-xs text-slate-700">GET /api/v1/placements/{p.key}/content?unit=…</p>
              <TableScroll label={`Variants of ${p.key}`}>
                <table className="mt-3 w-full text-sm">
                  <caption className="sr-only">Variants of {p.key}</caption>
                  <thead>
                    <tr className="text-left">
                      <th className="py-1">Variant</th>
                      <th className="py-1">Status</th>
                      {mayEdit && (
                        <th className="py-1">
                          <span className="sr-only">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {p.variants.map((v) => (
                      <tr key={v.contentItemId} className="border-t border-slate-200">
                        <td className="py-1">
                          <Link
                            href={`/library/${v.contentItemId}`}
                            className="text-brand-700 underline-offset-2 hover:underline"
                          >
                            {v.title}
                          </Link>
                        </td>
                        <td className="py-1">
                          <Badge tone={v.servable ? "green" : "slate"}>
                            {v.servable ? "served" : `not served (${v.status.replace("_", " ")})`}
                          </Badge>
                        </td>
                        {mayEdit && (
                          <td className="py-1 text-right">
                            <DetachButton
                              brandId={brandId}
                              placementId={p.id}
                              contentItemId={v.contentItemId}
                            />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
