import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return <SectionPlaceholder sectionKey="models" emptyText="No models are registered yet." />;
}
