import { eq, sql } from "drizzle-orm";
import { brands } from "@/db/schema";
import type { BrandKit } from "@/lib/brand/kit";
import { kitLogoUrl } from "@/lib/brand/kits/kit-logos";
import { preparedQuery } from "@/lib/db";
import { getEnv } from "@/lib/env";

const brandNameOf = preparedQuery((database) =>
  database
    .select({ name: brands.name })
    .from(brands)
    .where(eq(brands.id, sql.placeholder("brandId")))
    .prepare("brand_name"),
);

/**
 * What a template's locked regions are filled from: the brand's name, the kit's first logo
 * (served by the asset image route) and the kit's disclaimers. Shared by the pipeline, hand
 * edits and the editor's preview. Without a kit logo `logoUrl` is empty, and templates show
 * the brand name as text in its place (`{{#if brand.logoUrl}}…{{else}}{{brand.name}}{{/if}}`).
 */
export async function brandRenderContext(
  brandId: string,
  kit: (Pick<BrandKit, "disclaimers"> & Partial<Pick<BrandKit, "logos">>) | null | undefined,
) {
  const [brand] = await brandNameOf().execute({ brandId });
  const logo = kit?.logos?.[0];
  return {
    brand: {
      name: brand?.name ?? "Brand",
      logoUrl: logo ? kitLogoUrl(getEnv().PUBLIC_URL, brandId, logo.assetId) : "",
    },
    kit: { disclaimers: kit?.disclaimers ?? {} },
  };
}
