/**
 * The one contract every governance check implements (after Portkey's plugin contract):
 * a check reads a slice of the brand kit as its params, looks at one input and returns a
 * verdict, a human-readable explanation, the spans it found and, where safe, a fix.
 */
import { z } from "zod";
import type { BrandKit, Channel } from "../kit";
import type { ImageFacts } from "./image/inspect-image";

export const VERDICTS = ["pass", "warn", "fail"] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

export const PHASES = ["input", "output"] as const;
export type Phase = (typeof PHASES)[number];

export const IMAGE_ROLES = ["logo", "image"] as const;
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

export interface TextInput {
  text: string;
  channel: Channel;
  phase: Phase;
}

export interface ImageInput {
  facts: ImageFacts;
  role: ImageRole;
}

interface CheckBase<I, P, C> {
  /** Stable id, stored with results: never rename one that has shipped. */
  id: string;
  description: string;
  /** Points a fail costs in the compliance score; a warn costs a quarter (see score.ts). */
  weight: number;
  /** A fail of a blocking check blocks the content whatever its score. */
  blocking: boolean;
  params: z.ZodType<P>;
  fromKit(kit: BrandKit, context: C): P;
  run(input: I, params: P): CheckResult;
}

export interface TextCheck<P> extends CheckBase<TextInput, P, { channel: Channel }> {
  kind: "text";
  phases: readonly Phase[];
}

export interface ImageCheck<P> extends CheckBase<ImageInput, P, { role: ImageRole }> {
  kind: "image";
  roles: readonly ImageRole[];
}

export type Check<P> = TextCheck<P> | ImageCheck<P>;

/** What the registry keeps: a check with its params type erased behind `evaluate`. */
export interface RegisteredTextCheck extends Pick<
  TextCheck<unknown>,
  "id" | "kind" | "description" | "weight" | "blocking" | "phases"
> {
  evaluate(input: TextInput, kit: BrandKit): CheckResult;
}

export interface RegisteredImageCheck extends Pick<
  ImageCheck<unknown>,
  "id" | "kind" | "description" | "weight" | "blocking" | "roles"
> {
  evaluate(input: ImageInput, kit: BrandKit): CheckResult;
}
