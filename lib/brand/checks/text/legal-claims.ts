import { z } from "zod";
import { type ClaimKind, claimKindSchema } from "../../kit";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { compiledTerms } from "./compiled";
import { foldTextCached } from "./fold-text";
import { findTerms } from "./match-terms";

const ID = "legal-claims";
const params = z.object({ phrases: z.array(z.string()), kinds: z.array(claimKindSchema) });

/**
 * Built-in claim patterns, run on folded (lower-case, single-spaced) text. Repetition is
 * bounded and alternatives start differently, so each runs in linear time.
 */
const CLAIM_PATTERNS: Record<ClaimKind, { label: string; pattern: RegExp }> = {
  guarantee: { label: "guarantee", pattern: /\bguarantee(?:s|d)?\b|\bguaranteeing\b/g },
  clinical: {
    label: "proof claim",
    pattern:
      /\b(?:clinically|scientifically|medically|dermatologically|lab|laboratory)[- ](?:proven|tested|approved)\b|\bdoctor[- ]recommended\b|\bproven to\b/g,
  },
  superlative: {
    label: "ranking claim",
    pattern:
      /#\s?1\b|\bno\. ?1\b|\bnumber one\b|\b(?:best|top)[- ](?:selling|rated)\b|\b(?:world|america|europe)['’]?s (?:best|lightest|strongest|warmest|toughest|first)\b|\bunbeatable\b|\bbest[- ]in[- ]class\b|\bindustry[- ]leading\b/g,
  },
  percentage: {
    label: "percentage",
    pattern: /(?<![\d.,])\d{1,6}(?:[.,]\d{1,3})? ?(?:%|percent\b|per cent\b)/g,
  },
  environmental: {
    label: "environmental claim",
    pattern:
      /\beco[- ]?friendly\b|\bcarbon[- ](?:neutral|negative|free)\b|\bclimate[- ](?:positive|neutral)\b|\bbiodegradable\b|\bsustainabl[ey]\b|\bzero[- ]waste\b|\bplanet[- ]friendly\b/g,
  },
};

interface Claim {
  start: number;
  end: number;
  label: string;
}

/** Claims a lawyer must see: warns and routes the content to the legal stage; never fails it. */
export const legalClaimsCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description:
    "Claims that need substantiation (guarantees, proof, rankings, percentages) go to legal review.",
  weight: 8,
  blocking: false,
  phases: ["output"],
  params,
  fromKit: (kit) => ({ phrases: kit.claims.phrases, kinds: kit.claims.kinds }),
  run({ text }, { phrases, kinds }) {
    const folded = foldTextCached(text);
    const claims: Claim[] = findTerms(
      folded,
      compiledTerms(phrases, (p) => p),
    ).map((m) => ({ start: m.start, end: m.end, label: `"${m.term}"` }));
    for (const kind of new Set(kinds)) {
      const { label, pattern } = CLAIM_PATTERNS[kind];
      for (const m of folded.text.matchAll(pattern)) {
        const last = m.index + m[0].length - 1;
        claims.push({ start: folded.starts[m.index]!, end: folded.ends[last]!, label });
      }
    }
    if (claims.length === 0) return passed(ID, "No claims that need legal review.");
    claims.sort((a, b) => a.start - b.start);
    return {
      checkId: ID,
      verdict: "warn",
      explanation: `Needs legal review: ${listOf(claims.map((c) => `${c.label} ${quote(text.slice(c.start, c.end))}`))}.`,
      spans: claims.map((c) => spanOf(text, c.start, c.end, `Claim (${c.label}) needs substantiation.`)),
      flags: { legalReview: true },
    };
  },
};
