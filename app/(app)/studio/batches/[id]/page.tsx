import type { Metadata } from "next";
import { PageHeader } from "../../../../_components/ui";
import { Forbidden, requireSection } from "../../../require-section";
import { BatchProgress } from "./batch-progress";

export const metadata: Metadata = { title: "Batch" };

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("studio");
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="Batch"
        description="One generation per audience row; the content lands in the Library as drafts."
      />
      <BatchProgress brandId={access.membership.brandId} id={id} />
    </>
  );
}
