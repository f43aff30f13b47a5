import { desc, eq, sql } from "drizzle-orm";
import { assets, checkRuns } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { blockReason } from "@/lib/brand/checks/block-reason";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** The brand's assets, newest first, each with its latest check score and, if blocked, why. */
export async function listAssets(principal: Principal | null, brandId: string) {
  authorize(principal, "brand:view", brandId);
  const latest = db()
    .selectDistinctOn([checkRuns.subjectId], {
      subjectId: checkRuns.subjectId,
      score: checkRuns.score,
      blocked: checkRuns.blocked,
      legalReview: checkRuns.legalReview,
      results: checkRuns.results,
    })
    .from(checkRuns)
    .where(sql`${checkRuns.subjectType} = 'asset' and ${checkRuns.brandId} = ${brandId}`)
    .orderBy(checkRuns.subjectId, desc(checkRuns.createdAt))
    .as("latest");
  const rows = await db()
    .select({
      id: assets.id,
      kind: assets.kind,
      name: assets.name,
      mime: assets.mime,
      sizeBytes: assets.sizeBytes,
      width: assets.width,
      height: assets.height,
      createdAt: assets.createdAt,
      score: latest.score,
      blocked: latest.blocked,
      legalReview: latest.legalReview,
      results: latest.results,
    })
    .from(assets)
    .leftJoin(latest, eq(latest.subjectId, assets.id))
    .where(eq(assets.brandId, brandId))
    .orderBy(desc(assets.createdAt))
    .limit(500);
  return rows.map(({ results, ...row }) => ({
    ...row,
    blockedReason: row.blocked && results ? blockReason(results) : null,
  }));
}
