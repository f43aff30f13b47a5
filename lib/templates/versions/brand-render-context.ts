import { eq, sql } from "drizzle-orm";
import { brands } from "@/db/schema";
import type { BrandKit } from "@/lib/brand/kit";
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
 * What a template's locked regions are filled from: the brand's name and logo, and the
 * kit's disclaimers. Shared by the pipeline, hand edits and the editor's preview.
 */
export async function brandRenderContext(
  brandId: string,
  kit: Pick<BrandKit, "disclaimers"> | null | undefined,
) {
  const [brand] = await brandNameOf().execute({ brandId });
  return {
    brand: { name: brand?.name ?? "Brand", logoUrl: `${getEnv().PUBLIC_URL}/brand-logo.svg` },
    kit: { disclaimers: kit?.disclaimers ?? {} },
  };
}
