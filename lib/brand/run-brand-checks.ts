import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assets } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { checkAsset } from "./assets/check-asset";
import { recordCheckRun } from "./assets/record-check-run";
import { runTextChecks } from "./checks/run-text-checks";
import { checkResultSchema } from "./checks/types";
import { channelSchema } from "./kit";
import { getPublishedKit } from "./kits/get-published-kit";

export const runBrandChecksInput = z
  .object({
    brandId: z.string().uuid(),
    text: z.string().max(100_000).optional(),
    /** Required with text: it decides the disclaimers and the length limit. */
    channel: channelSchema.optional(),
    phase: z.enum(["input", "output"]).default("input"),
    assetIds: z.array(z.string().uuid()).max(20).default([]),
  })
  .refine((v) => v.text !== undefined || v.assetIds.length > 0, {
    message: "Give text or assetIds",
    path: ["text"],
  })
  .refine((v) => v.text === undefined || v.channel !== undefined, {
    message: "Say which channel the text is for",
    path: ["channel"],
  });

export type RunBrandChecksInput = z.input<typeof runBrandChecksInput>;

/**
 * Checks text and/or stored assets against the brand's published kit (POST /api/v1/checks).
 * Every run is recorded with the kit version it used.
 */
export async function runBrandChecks(principal: Principal | null, raw: RunBrandChecksInput) {
  const input = parseOrThrow(runBrandChecksInput, raw);
  authorize(principal, "brand:view", input.brandId);
  const published = await getPublishedKit(input.brandId);
  if (!published) throw new AppError("conflict", "This brand has no published brand kit to check against");

  let text = null;
  if (input.text !== undefined) {
    const outcome = runTextChecks({
      text: input.text,
      kit: published.kit,
      channel: input.channel!,
      phase: input.phase,
    });
    const run = await recordCheckRun({
      brandId: input.brandId,
      subjectType: "text",
      subjectId: null,
      kitVersionId: published.versionId,
      phase: input.phase,
      outcome,
    });
    text = { checkRunId: run.id, ...outcome };
  }
  const rows = input.assetIds.length
    ? await db()
        .select()
        .from(assets)
        .where(and(eq(assets.brandId, input.brandId), inArray(assets.id, input.assetIds)))
    : [];
  const missing = input.assetIds.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length)
    throw new AppError("not_found", "Some assets are not in this brand", { path: "assetIds", missing });
  const assetResults = [];
  for (const asset of rows) {
    const run = await checkAsset(asset);
    if (run) {
      assetResults.push({
        assetId: asset.id,
        checkRunId: run.id,
        score: run.score,
        blocked: run.blocked,
        legalReview: run.legalReview,
        results: z.array(checkResultSchema).parse(run.results),
      });
    }
  }
  return { kitVersion: published.version, kitVersionId: published.versionId, text, assets: assetResults };
}
