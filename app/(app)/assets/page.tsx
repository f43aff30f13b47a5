import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Assets" };

export default function AssetsPage() {
  return <SectionPlaceholder sectionKey="assets" emptyText="No assets uploaded yet." />;
}
