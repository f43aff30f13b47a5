import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Library" };

export default function LibraryPage() {
  return (
    <SectionPlaceholder
      sectionKey="library"
      emptyText="No content yet. Generated content and its revisions will be listed here."
    />
  );
}
