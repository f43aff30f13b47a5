import { eq, sql } from "drizzle-orm";
import { brandKitVersions, brandKits } from "@/db/schema";
import { db, preparedQuery } from "@/lib/db";
import { brandKitSchema, type BrandKit } from "@/lib/brand/kit";

export interface PublishedKit {
  versionId: string;
  version: number;
  kit: BrandKit;
}

/**
 * Parsed kits by version id. Versions never change, so a parsed kit stays valid for good;
 * keeping the same object also keeps the checks' compiled term lists (cached per kit list)
 * across requests instead of compiling them on every check run.
 */
const parsed = new Map<string, BrandKit>();
const MAX_CACHED = 200;

const publishedOf = preparedQuery((database) =>
  database
    .select({ versionId: brandKitVersions.id, version: brandKitVersions.version })
    .from(brandKits)
    .innerJoin(brandKitVersions, eq(brandKitVersions.id, brandKits.publishedVersionId))
    .where(eq(brandKits.brandId, sql.placeholder("brandId")))
    .prepare("published_kit"),
);

/** The kit every check runs against, or null when the brand has not published one. */
export async function getPublishedKit(brandId: string): Promise<PublishedKit | null> {
  const [row] = await publishedOf().execute({ brandId });
  if (!row) return null;
  let kit = parsed.get(row.versionId);
  if (!kit) {
    const [content] = await db()
      .select({ content: brandKitVersions.content })
      .from(brandKitVersions)
      .where(eq(brandKitVersions.id, row.versionId));
    kit = brandKitSchema.parse(content!.content);
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(row.versionId, kit);
  }
  return { versionId: row.versionId, version: row.version, kit };
}
