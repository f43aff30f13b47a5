import type { Metadata } from "next";
import { listContent } from "@/lib/content/list-content";
import { PageHeader } from "../../_components/ui";
import { ContentTable } from "../library/content-table";
import { Forbidden, requireSection } from "../require-section";

export const metadata: Metadata = { title: "Review" };

/**
 * Content waiting for review, oldest first. Decisions (stages, claims, four-eyes, audit)
 * arrive with the review-workflow issue; until then this is the queue to read.
 */
export default async function ReviewPage() {
  const access = await requireSection("review");
  if (!access.allowed) return <Forbidden />;
  const waiting = (
    await listContent(access.session, access.membership.brandId, { status: "in_review" })
  ).reverse();
  return (
    <>
      <PageHeader title="Review" description="Content waiting for review, oldest first." />
      <ContentTable
        rows={waiting}
        caption="Content waiting for review"
        emptyText="Nothing is waiting for review."
        third="waitingSince"
      />
    </>
  );
}
