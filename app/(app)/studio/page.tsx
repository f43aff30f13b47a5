import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Studio" };

export default function StudioPage() {
  return (
    <SectionPlaceholder
      sectionKey="studio"
      emptyText="No briefs yet. Generation arrives with the generation pipeline."
    />
  );
}
