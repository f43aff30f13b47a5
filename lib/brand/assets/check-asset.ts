import { runImageChecks } from "@/lib/brand/checks/run-image-checks";
import { DEFAULT_IMAGE_ROLE } from "@/lib/brand/checks/types";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { channelSchema } from "@/lib/brand/kit";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { blobStore } from "@/lib/brand/storage/blob-store";
import type { AssetRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordCheckRun } from "./record-check-run";

/**
 * Runs the input checks on an asset against the brand's published kit and records the run.
 * Returns null when the brand has no published kit yet: nothing to check against.
 */
export async function checkAsset(asset: AssetRow) {
  const published = await getPublishedKit(asset.brandId);
  if (!published) return null;
  let outcome;
  if (asset.kind === "copy") {
    const channel = channelSchema.catch("social").parse(asset.channel);
    // A snippet is approved copy that will reach an audience (and steer the model as an
    // example), so it gets every rule for outgoing copy, prompt-injection included.
    outcome = runTextChecks({ text: asset.text ?? "", kit: published.kit, channel, phase: "output" });
  } else {
    const bytes = asset.storageKey ? await blobStore().get(asset.storageKey) : null;
    if (!bytes) throw new AppError("internal", "The asset's bytes are missing from storage");
    outcome = await runImageChecks({
      bytes: Uint8Array.from(bytes),
      kit: published.kit,
      // The role the uploader chose; the file name is never consulted.
      role: asset.imageRole ?? DEFAULT_IMAGE_ROLE,
    });
  }
  return recordCheckRun({
    brandId: asset.brandId,
    subjectType: "asset",
    subjectId: asset.id,
    kitVersionId: published.versionId,
    phase: asset.kind === "copy" ? "output" : "input",
    outcome,
  });
}
