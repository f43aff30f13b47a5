import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { assets, checkRuns } from "@/db/schema";
import type { CheckResult } from "@/db/schema/json/check-result";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import type { KitLogo } from "@/lib/brand/kit";
import { blobStore } from "@/lib/brand/storage/blob-store";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getPublishedKit } from "./get-published-kit";

/** An uploaded image of role "logo" with whether the kit may hold it, and why not. */
export interface LogoCandidate {
  assetId: string;
  name: string;
  width: number | null;
  height: number | null;
  /** Null when the asset may be held by the kit; otherwise what stops it. */
  refusal: string | null;
}

type Latest = { blocked: boolean; results: CheckResult[] } | undefined;

/**
 * Why an asset cannot be one of the kit's logos, or null when it can: it must be an image
 * uploaded with role "logo" whose latest check run passed — not blocked and no check failed.
 */
export function logoRefusal(
  asset: { kind: string; imageRole: string | null } | undefined,
  latest: Latest,
): string | null {
  if (!asset) return "No such asset in this brand";
  if (asset.kind !== "image" || asset.imageRole !== "logo")
    return 'This asset is not a logo: upload it with role "logo"';
  if (!latest) return "This logo has not been checked yet: publish a kit so the checks can run";
  const failed = latest.results.filter((r) => r.verdict === "fail").map((r) => r.checkId);
  if (latest.blocked || failed.length > 0)
    return `This logo failed the logo checks${failed.length ? ` (${failed.join(", ")})` : ""}`;
  return null;
}

async function logoRows(brandId: string, assetIds?: readonly string[]) {
  const latest = db()
    .selectDistinctOn([checkRuns.subjectId], {
      subjectId: checkRuns.subjectId,
      blocked: checkRuns.blocked,
      results: checkRuns.results,
    })
    .from(checkRuns)
    .where(sql`${checkRuns.subjectType} = 'asset' and ${checkRuns.brandId} = ${brandId}`)
    .orderBy(checkRuns.subjectId, desc(checkRuns.createdAt))
    .as("latest");
  return db()
    .select({
      id: assets.id,
      kind: assets.kind,
      imageRole: assets.imageRole,
      name: assets.name,
      width: assets.width,
      height: assets.height,
      blocked: latest.blocked,
      results: latest.results,
    })
    .from(assets)
    .leftJoin(latest, eq(latest.subjectId, assets.id))
    .where(
      assetIds
        ? and(eq(assets.brandId, brandId), inArray(assets.id, [...assetIds]))
        : and(eq(assets.brandId, brandId), eq(assets.imageRole, "logo")),
    )
    .orderBy(desc(assets.createdAt))
    .limit(500);
}

const latestOf = (row: { blocked: boolean | null; results: CheckResult[] | null }): Latest =>
  row.blocked === null || row.results === null ? undefined : { blocked: row.blocked, results: row.results };

/** The brand's uploaded logos, newest first, for the kit editor's picker. */
export async function listLogoCandidates(
  principal: Principal | null,
  brandId: string,
): Promise<LogoCandidate[]> {
  authorize(principal, "brand:view", brandId);
  const rows = await logoRows(brandId);
  return rows.map((row) => ({
    assetId: row.id,
    name: row.name,
    width: row.width,
    height: row.height,
    refusal: logoRefusal(row, latestOf(row)),
  }));
}

/**
 * Refuses a kit whose logos are not all passed logo assets of the brand, naming each field at
 * fault (`logos.1.assetId`), before a version is written. Duplicates are refused too.
 */
export async function assertKitLogos(brandId: string, logos: readonly KitLogo[]): Promise<void> {
  if (logos.length === 0) return;
  const rows = await logoRows(
    brandId,
    logos.map((l) => l.assetId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  logos.forEach((logo, i) => {
    const row = byId.get(logo.assetId);
    const refusal = seen.has(logo.assetId)
      ? "This logo is already in the kit"
      : logoRefusal(row, row ? latestOf(row) : undefined);
    seen.add(logo.assetId);
    if (refusal) issues.push({ path: `logos.${i}.assetId`, message: refusal });
  });
  if (issues.length > 0)
    throw new AppError(
      "validation_failed",
      "The kit's logos must be uploaded logos that passed the logo checks",
      issues,
    );
}

/** Where templates load a kit logo from: the app's asset image route. */
export function kitLogoUrl(publicUrl: string, brandId: string, assetId: string): string {
  return `${publicUrl}/api/assets/${encodeURIComponent(assetId)}/image?brandId=${encodeURIComponent(brandId)}`;
}

/**
 * The bytes of a logo the brand's published kit holds, for anyone: a published logo is brand
 * material meant to be seen (in a sent email, in the sandboxed preview, which carries no
 * session), so the asset route serves it without a session. Null for any other asset, which
 * then needs a member's session as before.
 */
export async function readPublishedLogoBytes(brandId: string, assetId: string) {
  const published = await getPublishedKit(brandId);
  if (!published?.kit.logos.some((l) => l.assetId === assetId)) return null;
  const [asset] = await db()
    .select({ storageKey: assets.storageKey, mime: assets.mime })
    .from(assets)
    .where(and(eq(assets.id, assetId), eq(assets.brandId, brandId)));
  if (!asset?.storageKey) return null;
  const bytes = await blobStore().get(asset.storageKey);
  return bytes ? { bytes, mime: asset.mime } : null;
}
