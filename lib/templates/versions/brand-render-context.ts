import { eq } from "drizzle-orm";
import { brands } from "@/db/schema";
import type { BrandKit } from "@/lib/brand/kit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * What a template's locked regions are filled from: the brand's name and logo, and the
 * kit's disclaimers. Shared by the pipeline, hand edits and the editor's preview.
 */
export async function brandRenderContext(
  brandId: string,
  kit: Pick<BrandKit, "disclaimers"> | null | undefined,
) {
  const [brand] = await db().select({ name: brands.name }).from(brands).where(eq(brands.id, brandId));
  return {
    brand: { name: brand?.name ?? "Brand", logoUrl: `${getEnv().PUBLIC_URL}/brand-logo.svg` },
    kit: { disclaimers: kit?.disclaimers ?? {} },
  };
}
