import type { Metadata } from "next";
import { PageHeader } from "../../../../_components/ui";
import { Forbidden, requireSection } from "../../../require-section";
import { GenerationProgress } from "./generation-progress";

export const metadata: Metadata = { title: "Generating" };

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireSection("studio");
  if (!access.allowed) return <Forbidden />;
  const { id } = await params;
  return (
    <>
      <PageHeader title="Generation" description="Each step of the pipeline, timed, as it happens." />
      <GenerationProgress brandId={access.membership.brandId} id={id} />
    </>
  );
}
