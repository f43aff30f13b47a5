import { asc, eq } from "drizzle-orm";
import { contentItems, placements, placementVariants } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** The brand's placements with every attached item and its status (only approved ones serve). */
export async function listPlacements(principal: Principal | null, brandId: string) {
  authorize(principal, "library:view", brandId);
  const rows = await db()
    .select({
      id: placements.id,
      key: placements.key,
      description: placements.description,
      contentItemId: contentItems.id,
      title: contentItems.title,
      status: contentItems.status,
      attachedAt: placementVariants.attachedAt,
    })
    .from(placements)
    .leftJoin(placementVariants, eq(placementVariants.placementId, placements.id))
    .leftJoin(contentItems, eq(contentItems.id, placementVariants.contentItemId))
    .where(eq(placements.brandId, brandId))
    .orderBy(asc(placements.key), asc(placementVariants.attachedAt));
  const byId = new Map<
    string,
    {
      id: string;
      key: string;
      description: string;
      variants: { contentItemId: string; title: string; status: string; servable: boolean }[];
    }
  >();
  for (const r of rows) {
    const p = byId.get(r.id) ?? { id: r.id, key: r.key, description: r.description, variants: [] };
    byId.set(r.id, p);
    if (r.contentItemId)
      p.variants.push({
        contentItemId: r.contentItemId,
        title: r.title!,
        status: r.status!,
        servable: r.status === "approved",
      });
  }
  return [...byId.values()];
}
