import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Brand" };

export default function BrandPage() {
  return (
    <SectionPlaceholder sectionKey="brand" emptyText="No brand kit has been published for this brand yet." />
  );
}
