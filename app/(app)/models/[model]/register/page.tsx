import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { findModel } from "@/lib/models/registry/find-model";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { Card, PageHeader } from "../../../../_components/ui";
import { Forbidden, requireSection } from "../../../require-section";
import { MAX_ONNX_BYTES } from "@/lib/input-limits";
import { expectedOnnxInterface } from "@/lib/personalisation/check-onnx-interface";
import { describeFeatureSchema } from "@/lib/personalisation/describe-feature-schema";
import { DEFAULT_FEATURE_SCHEMA } from "@/lib/personalisation/feature-schema";
import { RegisterVersionForm } from "./register-version-form";
import { UploadOnnxForm } from "./upload-onnx-form";

export const metadata: Metadata = { title: "Register version" };

/** What an uploaded file must declare, in the words the upload's errors use. */
function expectedOnnx() {
  const e = expectedOnnxInterface(describeFeatureSchema(DEFAULT_FEATURE_SCHEMA));
  const show = (t: { name: string; type: string; shape: (string | number)[] }) =>
    `${t.name}: ${t.type}[${t.shape.join(",")}]`;
  return { input: show(e.inputs[0]!), output: show(e.outputs[0]!), fingerprint: e.fingerprint };
}

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
        description={
          model.kind === "generation"
            ? `Model id “${model.slug}”. The connection is tested before anything is saved; the version is then evaluated against stable.`
            : `Model id “${model.slug}”. The file is checked against the feature schema before anything is saved; the version is then evaluated against stable.`
        }
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
        <Card className="p-0">
          <UploadOnnxForm
            brandId={brandId}
            model={model.slug}
            maxBytes={MAX_ONNX_BYTES}
            expected={expectedOnnx()}
          />
          <p className="border-t border-slate-200 px-6 py-4 text-sm text-slate-700">
            Or train a version from the brand&apos;s events with &ldquo;Train now&rdquo; on the{" "}
            <Link href="/models" className="font-medium text-brand-900 underline">
              Models page
            </Link>
            .
          </p>
        </Card>
      )}
    </>
  );
}
