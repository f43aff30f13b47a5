/**
 * The one contract every governance check implements (after Portkey's plugin contract):
 * a check reads a slice of the brand kit as its params, looks at one input and returns a
 * verdict, a human-readable explanation, the spans it found and, where safe, a fix.
 */
import { z } from "zod";
import type { BrandKit, Channel } from "../kit";
import type { ImageFacts } from "./image/inspect-image";

// The result schemas live in db (the check-result columns are typed by them).
import type { CheckResult, ImageRole, Phase } from "@/db/schema/json/check-result";
export * from "@/db/schema/json/check-result";

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
