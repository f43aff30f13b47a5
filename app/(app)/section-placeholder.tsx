import { NAV } from "@/lib/auth/navigation";
import { Card, PageHeader } from "../_components/ui";
import { Forbidden, requireSection } from "./require-section";

/**
 * A section whose capability has not landed yet: it is gated like the real page will be,
 * and says plainly that it is empty rather than showing made-up data.
 */
export async function SectionPlaceholder({
  sectionKey,
  emptyText,
}: {
  sectionKey: string;
  emptyText: string;
}) {
  const access = await requireSection(sectionKey);
  if (!access.allowed) return <Forbidden />;
  const item = NAV.find((n) => n.key === sectionKey)!;
  return (
    <>
      <PageHeader title={item.label} description={item.description} />
      <Card>
        <p className="text-sm text-slate-700">{emptyText}</p>
      </Card>
    </>
  );
}
