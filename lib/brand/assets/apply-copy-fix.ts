import { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { checkResultSchema } from "@/lib/brand/checks/types";
import { applyFixes } from "@/lib/brand/checks/apply-fixes";
import { AppError, parseOrThrow } from "@/lib/errors";
import { channelSchema } from "@/lib/brand/kit";
import { createCopyAsset } from "./create-copy-asset";
import { getAsset } from "./get-asset";

export const applyCopyFixInput = z.object({
  brandId: z.string().uuid(),
  assetId: z.string().uuid(),
  /** One check's fix, or every available fix when omitted. */
  checkId: z.string().min(1).max(100).optional(),
});

/**
 * Applies the fixes from a snippet's latest check run and saves the result as a new snippet
 * (assets are content-addressed, so an edit is a new asset), which is checked again.
 */
export async function applyCopyFix(principal: Principal | null, raw: z.input<typeof applyCopyFixInput>) {
  const { brandId, assetId, checkId } = parseOrThrow(applyCopyFixInput, raw);
  const { asset, check } = await getAsset(principal, brandId, assetId);
  if (asset.kind !== "copy" || asset.text === null)
    throw new AppError("bad_request", "Only copy snippets can be fixed", { path: "assetId" });
  if (!check) throw new AppError("conflict", "This snippet has not been checked yet");
  const results = z.array(checkResultSchema).parse(check.results);
  const fixes = results.filter(
    (r) => r.fix && r.verdict !== "pass" && (checkId === undefined || r.checkId === checkId),
  );
  if (fixes.length === 0)
    throw new AppError("not_found", "No fix is available for that check", { path: "checkId" });
  const fixed = applyFixes(
    asset.text,
    fixes.flatMap((r) => r.fix!.replacements),
  );
  const baseName = asset.name.replace(/ \(fixed\)$/, "");
  const channel = channelSchema.catch("social").parse(asset.channel);
  return createCopyAsset(principal, { brandId, name: `${baseName} (fixed)`, text: fixed, channel });
}
