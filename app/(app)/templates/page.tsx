import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <SectionPlaceholder
      sectionKey="templates"
      emptyText="No templates have been loaded for this brand yet."
    />
  );
}
