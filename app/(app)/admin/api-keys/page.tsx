import type { Metadata } from "next";
import { API_KEY_SCOPES } from "@/db/schema";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { can } from "@/lib/auth/authorize";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { requestLocale } from "../../../_components/request-locale";
import { ApiKeysPanel } from "./api-keys-panel";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const access = await requireSection("admin");
  if (!access.allowed) return <Forbidden />;
  const brands = access.session.memberships.filter((m) => can(access.session, "api-keys:manage", m.brandId));
  if (brands.length === 0) return <Forbidden />;
  // Each list call authorizes again in lib; the filter above only picks what to ask for.
  const keys = (
    await Promise.all(brands.map((b) => listApiKeys(access.session, { brandId: b.brandId })))
  ).flat();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for downstream apps calling the governed content API. A key is shown once, when it is created or rotated."
      />
      <p className="mb-4 text-sm text-slate-800">
        How to call the API with a key: the{" "}
        <a className="font-medium text-blue-800 underline" href="/docs/api">
          API reference
        </a>
        .
      </p>
      <Card className="p-0">
        <ApiKeysPanel
          brands={brands.map((b) => ({ id: b.brandId, name: b.brandName }))}
          defaultBrandId={access.membership.brandId}
          keys={keys}
          allScopes={API_KEY_SCOPES}
          locale={await requestLocale()}
        />
      </Card>
    </>
  );
}
