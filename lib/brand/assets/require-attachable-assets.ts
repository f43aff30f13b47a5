import { and, desc, eq, inArray } from "drizzle-orm";
import { assets, checkRuns } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { blockReason } from "@/lib/brand/checks/block-reason";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Refuses assets a brief may not carry: another brand's, or blocked by their latest check.
 * The Studio calls this before queueing, so a marketer hears why at once; the generation run
 * checks again (a kit published in between can block an asset), which is what API callers meet.
 */
export async function requireAttachableAssets(
  principal: Principal | null,
  brandId: string,
  assetIds: readonly string[],
): Promise<void> {
  authorize(principal, "studio:use", brandId);
  if (assetIds.length === 0) return;
  const rows = await db()
    .select({ id: assets.id, name: assets.name })
    .from(assets)
    .where(and(eq(assets.brandId, brandId), inArray(assets.id, [...assetIds])));
  const missing = assetIds.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length)
    throw new AppError("not_found", "Some assets are not in this brand", { path: "assetIds", missing });
  const runs = await db()
    .selectDistinctOn([checkRuns.subjectId], {
      subjectId: checkRuns.subjectId,
      blocked: checkRuns.blocked,
      results: checkRuns.results,
    })
    .from(checkRuns)
    .where(and(eq(checkRuns.subjectType, "asset"), inArray(checkRuns.subjectId, [...assetIds])))
    .orderBy(checkRuns.subjectId, desc(checkRuns.createdAt));
  const blocked = runs.filter((r) => r.blocked);
  if (blocked.length === 0) return;
  const named = blocked.map((r) => {
    const name = rows.find((a) => a.id === r.subjectId)!.name;
    const reason = blockReason(r.results);
    return reason ? `“${name}” (${reason})` : `“${name}”`;
  });
  throw new AppError(
    "unprocessable",
    `Blocked by the brand kit, so it cannot be attached: ${named.join(", ")}`,
    [{ path: "assetIds", message: `Blocked by the brand kit: ${named.join(", ")}` }],
  );
}
