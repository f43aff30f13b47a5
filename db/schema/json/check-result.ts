/** What one governance check returns. */
import { z } from "zod";

export const VERDICTS = ["pass", "warn", "fail"] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

export const PHASES = ["input", "output"] as const;
export type Phase = (typeof PHASES)[number];

/** What an image is for, chosen by whoever uploads it (never guessed from its file name). */
export const IMAGE_ROLES = ["logo", "product", "photo"] as const;
export const DEFAULT_IMAGE_ROLE = "photo" satisfies ImageRole;
export type ImageRole = (typeof IMAGE_ROLES)[number];

/** Offsets are UTF-16 code units into the original text, `text === original.slice(start, end)`. */
export const spanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  message: z.string(),
});
export type Span = z.infer<typeof spanSchema>;

/** Serialisable, so the UI can apply a fix with one click and the server can re-check it. */
export const replacementSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  replacement: z.string(),
});
export type Replacement = z.infer<typeof replacementSchema>;

export const fixSchema = z.object({
  description: z.string(),
  replacements: z.array(replacementSchema),
});
export type Fix = z.infer<typeof fixSchema>;

export const dominantColourSchema = z.object({
  hex: z.string(),
  /** Fraction (0–1) of the image's visible pixels closest to this colour. */
  share: z.number(),
  nearest: z.object({ name: z.string(), hex: z.string() }),
  deltaE: z.number(),
  onPalette: z.boolean(),
});
export type DominantColour = z.infer<typeof dominantColourSchema>;

export const checkResultSchema = z.object({
  checkId: z.string(),
  verdict: verdictSchema,
  explanation: z.string(),
  spans: z.array(spanSchema),
  fix: fixSchema.optional(),
  flags: z
    .object({
      /** Route the content to the legal review stage. */
      legalReview: z.boolean().optional(),
      /** The check threw: the content is held, never passed unchecked. */
      crashed: z.boolean().optional(),
    })
    .optional(),
  /** What an image check measured, for display next to the kit's requirement. */
  measurements: z
    .object({
      format: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      bytes: z.number().optional(),
      dominantColours: z.array(dominantColourSchema).optional(),
    })
    .optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** The checks of one slot of a content revision (content_revisions.check_results, per slot). */
export interface SlotCheckSummary {
  score: number;
  blocked: boolean;
  results: CheckResult[];
}

/** A chat call's findings: the checks that did not pass, by phase (chat_calls.check_results). */
export interface ChatCheckFindings {
  input?: CheckResult[];
  output?: CheckResult[];
}
