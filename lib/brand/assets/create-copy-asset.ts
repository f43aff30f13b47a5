import { createHash } from "node:crypto";
import { z } from "zod";
import { assets } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { channelSchema } from "@/lib/brand/kit";
import { checkAsset } from "./check-asset";
import { findBySha } from "./upload-image-asset";

export const createCopyAssetInput = z.object({
  brandId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the snippet a name").max(200),
  text: z.string().trim().min(1, "Write some copy").max(20_000, "A snippet holds at most 20,000 characters"),
  channel: channelSchema.default("social"),
});

/** Stores a copy snippet, de-duplicated per brand on its NFC-normalised text, and checks it. */
export async function createCopyAsset(
  principal: Principal | null,
  raw: z.input<typeof createCopyAssetInput>,
) {
  const { brandId, name, text, channel } = parseOrThrow(createCopyAssetInput, raw);
  authorize(principal, "assets:manage", brandId);
  const normalised = text.normalize("NFC");
  // The channel is part of the identity: the same words checked for another channel are another asset.
  const sha256 = createHash("sha256").update(`${channel}\n${normalised}`, "utf8").digest("hex");
  const existing = await findBySha(brandId, sha256);
  if (existing) return { asset: existing, deduplicated: true, check: null };
  const [created] = await db()
    .insert(assets)
    .values({
      brandId,
      kind: "copy",
      name,
      mime: "text/plain",
      sizeBytes: Buffer.byteLength(normalised),
      sha256,
      text: normalised,
      channel,
      createdBy: principal.user.id,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return { asset: (await findBySha(brandId, sha256))!, deduplicated: true, check: null };
  return { asset: created, deduplicated: false, check: await checkAsset(created) };
}
