import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { brandKitVersions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { brandKitSchema } from "@/lib/brand/kit";
import { assertKitLogos } from "./kit-logos";

export const saveKitVersionInput = z.object({
  brandId: z.string().uuid(),
  /** The version the editor started from; null for a brand's first kit. */
  baseVersion: z.number().int().min(1).nullable(),
  content: brandKitSchema,
  note: z.string().trim().max(500).default(""),
});

export type SaveKitVersionInput = z.input<typeof saveKitVersionInput>;

/**
 * Saves an edited kit as the brand's next version. Versions are never updated. When someone
 * else saved since the editor loaded its base, this answers 409 instead of silently
 * overwriting their change; the unique (brand, version) key settles exact races. The kit's logos
 * must be the brand's uploaded logos that passed the logo checks (validation_failed naming
 * `logos.N.assetId` otherwise).
 */
export async function saveKitVersion(principal: Principal | null, input: SaveKitVersionInput) {
  const { brandId, baseVersion, content, note } = parseOrThrow(saveKitVersionInput, input);
  authorize(principal, "brand-kit:edit", brandId);
  await assertKitLogos(brandId, content.logos);
  const [latest] = await db()
    .select({ version: brandKitVersions.version })
    .from(brandKitVersions)
    .where(eq(brandKitVersions.brandId, brandId))
    .orderBy(desc(brandKitVersions.version))
    .limit(1);
  if ((latest?.version ?? null) !== baseVersion) {
    throw new AppError(
      "conflict",
      `Version ${latest?.version} was saved since you started editing; reload to see it`,
      {
        path: "baseVersion",
        latest: latest?.version ?? null,
      },
    );
  }
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(brandKitVersions)
      .values({ brandId, version: (baseVersion ?? 0) + 1, content, note, createdBy: principal.user.id })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError(
        "conflict",
        "Someone saved this kit at the same moment; reload to see their version",
      );
    await appendAudit(tx, {
      brandId,
      actor: principal,
      action: "kit.version_created",
      target: { type: "brand_kit_version", id: row.id },
      data: { version: row.version, note },
    });
    return row;
  });
}

/** For the seed and tests: the newest version of a brand's kit, if any. */
export async function latestKitVersion(brandId: string) {
  const [row] = await db()
    .select()
    .from(brandKitVersions)
    .where(and(eq(brandKitVersions.brandId, brandId)))
    .orderBy(desc(brandKitVersions.version))
    .limit(1);
  return row;
}
