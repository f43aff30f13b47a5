import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Rollouts" };

export default function RolloutsPage() {
  return <SectionPlaceholder sectionKey="rollouts" emptyText="No rollouts are running." />;
}
