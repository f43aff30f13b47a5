import type { Metadata } from "next";
import { SectionPlaceholder } from "../section-placeholder";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return <SectionPlaceholder sectionKey="review" emptyText="Nothing is waiting for your review." />;
}
