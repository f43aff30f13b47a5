import { inArray } from "drizzle-orm";
import { modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { costMicroUsd, type VersionPrices } from "@/lib/models/cost";
import { generationParametersSchema } from "@/lib/models/registry/generation-parameters";

/** Output tokens assumed for a call that sets no limit and whose version sets none. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
/** Tokens of framing per message (role, separators) on top of its text. */
const PER_MESSAGE_OVERHEAD = 8;

interface VersionCostInfo {
  prices: VersionPrices;
  maxTokens: number | null;
}

/** Versions are immutable (db/schema/model-versions.ts), so what they cost is cached for good. */
const versions = new Map<string, VersionCostInfo>();

async function costInfo(versionIds: string[]): Promise<VersionCostInfo[]> {
  const missing = versionIds.filter((id) => !versions.has(id));
  if (missing.length > 0) {
    const rows = await db()
      .select({
        id: modelVersions.id,
        input: modelVersions.priceInputPerMillion,
        output: modelVersions.priceOutputPerMillion,
        parameters: modelVersions.parameters,
      })
      .from(modelVersions)
      .where(inArray(modelVersions.id, missing));
    if (versions.size > 5_000) versions.clear();
    for (const r of rows) {
      const parsed = generationParametersSchema.safeParse(r.parameters);
      versions.set(r.id, {
        prices: { inputPerMillion: r.input, outputPerMillion: r.output },
        maxTokens: parsed.success ? (parsed.data.maxTokens ?? null) : null,
      });
    }
  }
  return versionIds.flatMap((id) => versions.get(id) ?? []);
}

export interface CostEstimateInput {
  /** The versions that may answer (primary, fallback): the dearest one is assumed. */
  versionIds: (string | null | undefined)[];
  /** Every text sent as the prompt. */
  promptTexts: string[];
  /** The caller's output limit, if it set one. */
  maxTokens?: number;
  /** Choices asked for: each is a call of its own. */
  n?: number;
}

/**
 * An upper bound on what a call can cost, in micro-dollars, before it is made: no tokenizer
 * makes more tokens than a text has UTF-8 bytes, and the output stops at its max tokens (the
 * caller's, else the version's, else DEFAULT_MAX_OUTPUT_TOKENS). Unpriced versions bound to 0.
 */
export async function estimateMaxCost(input: CostEstimateInput): Promise<number> {
  const ids = [...new Set(input.versionIds.filter((v): v is string => typeof v === "string"))];
  const infos = await costInfo(ids);
  const promptBound = input.promptTexts.reduce(
    (n, t) => n + Buffer.byteLength(t, "utf8") + PER_MESSAGE_OVERHEAD,
    0,
  );
  let worst = 0;
  for (const info of infos) {
    const out = input.maxTokens ?? info.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    worst = Math.max(worst, costMicroUsd(info.prices, promptBound, out));
  }
  return worst * (input.n ?? 1);
}
