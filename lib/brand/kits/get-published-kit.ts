import { eq } from "drizzle-orm";
import { brandKitVersions, brandKits } from "@/db/schema";
import { db } from "@/lib/db";
import { brandKitSchema, type BrandKit } from "@/lib/brand/kit";

export interface PublishedKit {
  versionId: string;
  version: number;
  kit: BrandKit;
}

/** The kit every check runs against, or null when the brand has not published one. */
export async function getPublishedKit(brandId: string): Promise<PublishedKit | null> {
  const [row] = await db()
    .select({
      versionId: brandKitVersions.id,
      version: brandKitVersions.version,
      content: brandKitVersions.content,
    })
    .from(brandKits)
    .innerJoin(brandKitVersions, eq(brandKitVersions.id, brandKits.publishedVersionId))
    .where(eq(brandKits.brandId, brandId));
  if (!row) return null;
  return { versionId: row.versionId, version: row.version, kit: brandKitSchema.parse(row.content) };
}
