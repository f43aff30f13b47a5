import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { findModel } from "@/lib/models/registry/find-model";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { Card, PageHeader } from "../../../../_components/ui";
import { Forbidden, requireSection } from "../../../require-section";
import { RegisterVersionForm } from "./register-version-form";

export const metadata: Metadata = { title: "Register version" };

export default async function RegisterVersionPage({ params }: { params: Promise<{ model: string }> }) {
  const access = await requireSection("models");
  if (!access.allowed) return <Forbidden />;
  const { model: ref } = await params;
  const brandId = access.membership.brandId;
  try {
    modelCallerOf(access.session, brandId);
  } catch {
    return <Forbidden />;
  }
  const model = await findModel(brandId, decodeURIComponent(ref)).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <>
      <PageHeader
        title={`Register a version of ${model.name}`}
        description={`Model id “${model.slug}”. The connection is tested before anything is saved; the version is then evaluated against stable.`}
      >
        <Link href="/models" className="text-sm font-medium text-brand-900 underline">
          All models
        </Link>
      </PageHeader>
      {model.kind === "generation" ? (
        <Card className="p-0">
          <RegisterVersionForm
            brandId={brandId}
            model={model.slug}
            builtinBaseUrl={getEnv().MODEL_BASE_URL}
          />
        </Card>
      ) : (
        <Card>
          <p className="text-sm text-slate-700">
            Personalisation versions are trained from the brand&apos;s events or uploaded as ONNX files.
          </p>
        </Card>
      )}
    </>
  );
}
