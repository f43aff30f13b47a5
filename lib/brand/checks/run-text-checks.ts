import { z } from "zod";
import { AppError, parseOrThrow } from "@/lib/errors";
import { type BrandKit, channelSchema } from "../kit";
import { evaluateSafely } from "./evaluate-safely";
import { mergeFixes } from "./merge-fixes";
import { TEXT_CHECKS } from "./registry";
import { scoreResults } from "./score";
import { type CheckResult, PHASES, type Replacement } from "./types";

/** Generous for marketing copy; bounds the work one request can cause (checks are linear). */
export const MAX_TEXT_CHARS = 200_000;

export const runTextChecksInput = z.object({
  text: z.string(),
  channel: channelSchema,
  phase: z.enum(PHASES),
});

export type RunTextChecksOptions = z.input<typeof runTextChecksInput> & {
  /** A validated kit version (brandKitSchema), as stored. */
  kit: BrandKit;
  /**
   * Checks that do not apply to this piece, e.g. disclaimers and channel length for a single
   * template slot, where the template supplies the disclaimers and bounds each slot itself.
   */
  skip?: readonly string[];
};

export interface ChecksReport {
  score: number;
  blocked: boolean;
  blockedBy: string[];
  legalReview: boolean;
  results: CheckResult[];
}

export interface TextChecksReport extends ChecksReport {
  /** Every non-overlapping fix together, for a "fix all" action; re-check after applying. */
  fixes: Replacement[];
}

/** Runs every text check that applies to the phase and scores the content against the kit. */
export function runTextChecks(options: RunTextChecksOptions): TextChecksReport {
  const { text, channel, phase } = parseOrThrow(runTextChecksInput, options);
  if (text.length > MAX_TEXT_CHARS) {
    throw new AppError("payload_too_large", `Text is longer than ${MAX_TEXT_CHARS} characters`);
  }
  const checks = TEXT_CHECKS.filter((c) => c.phases.includes(phase) && !options.skip?.includes(c.id));
  const results = checks.map((c) =>
    evaluateSafely(c.id, () => c.evaluate({ text, channel, phase }, options.kit)),
  );
  return {
    ...scoreResults(results, checks, options.kit.threshold),
    results,
    fixes: mergeFixes(results),
  };
}
