import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { brandKitVersions, brandKits } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const publishKitVersionInput = z.object({ brandId: z.string().uuid(), versionId: z.string().uuid() });

/** Makes one version the brand's published kit: every check from now on runs against it. */
export async function publishKitVersion(
  principal: Principal | null,
  input: z.input<typeof publishKitVersionInput>,
) {
  const { brandId, versionId } = parseOrThrow(publishKitVersionInput, input);
  authorize(principal, "brand-kit:publish", brandId);
  const [version] = await db()
    .select({ id: brandKitVersions.id, version: brandKitVersions.version })
    .from(brandKitVersions)
    .where(and(eq(brandKitVersions.id, versionId), eq(brandKitVersions.brandId, brandId)));
  if (!version) throw new AppError("not_found", "No such kit version in this brand", { path: "versionId" });
  await db().transaction(async (tx) => {
    await tx
      .insert(brandKits)
      .values({ brandId, publishedVersionId: versionId, publishedBy: principal.user.id })
      .onConflictDoUpdate({
        target: brandKits.brandId,
        set: { publishedVersionId: versionId, publishedBy: principal.user.id, publishedAt: sql`now()` },
      });
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "kit.published",
      target: { type: "brand_kit_version", id: versionId },
      data: { version: version.version },
    });
  });
  return version;
}
