import { desc, eq } from "drizzle-orm";
import { brandKitVersions, brandKits, users } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** The version history, newest first, with who saved each and which one is published. */
export async function listKitVersions(principal: Principal | null, brandId: string) {
  authorize(principal, "brand:view", brandId);
  const [published] = await db()
    .select({ id: brandKits.publishedVersionId })
    .from(brandKits)
    .where(eq(brandKits.brandId, brandId));
  const rows = await db()
    .select({
      id: brandKitVersions.id,
      version: brandKitVersions.version,
      note: brandKitVersions.note,
      content: brandKitVersions.content,
      createdAt: brandKitVersions.createdAt,
      author: users.name,
    })
    .from(brandKitVersions)
    .leftJoin(users, eq(users.id, brandKitVersions.createdBy))
    .where(eq(brandKitVersions.brandId, brandId))
    .orderBy(desc(brandKitVersions.version));
  return rows.map((r) => ({ ...r, published: r.id === published?.id }));
}
