import type { BuiltinModelSpec } from "./catalog";
import { SLIP_TERMS } from "./catalog";
import {
  cap,
  ctaSentence,
  ctas,
  headlines,
  listItems,
  offerSentences,
  offerWords,
  supportSentences,
  type Phrasing,
} from "./phrase";
import { between, pick, type Random } from "./random";
import type { BriefFacts } from "./read-brief";
import type { Prompt } from "./read-prompt";

const DEFAULT_VOICE = ["clear", "friendly", "confident"];
const FILLERS = [
  "and honestly, that really matters more than ever these days",
  "which, when you think about it, is exactly what you have been looking for all along",
  "so you can spend a little less time worrying and a lot more time enjoying it",
];

function slips(f: BriefFacts): Record<(typeof SLIP_TERMS)[number], string> {
  return {
    cheap: `${f.plural ? "They are" : "It is"} cheap enough to buy twice.`,
    guaranteed: "Results are guaranteed, every single time.",
    "best-in-class": "Simply best-in-class, full stop.",
    Contoso: "Unlike Contoso, we never cut corners.",
  };
}

function phrasing(prompt: Prompt, random: Random): Phrasing {
  // Voice entries can be phrases ("plain-spoken, never pushy"); an adjective is one or two words.
  const voice = prompt.voice.filter((v) => /^[a-z-]+(?: [a-z-]+)?$/.test(v));
  return { facts: prompt.facts, adj: pick(random, voice.length > 0 ? voice : DEFAULT_VOICE), random };
}

function slip(spec: BuiltinModelSpec, f: BriefFacts, random: Random): string | null {
  return random() < spec.slipRate ? slips(f)[pick(random, SLIP_TERMS)] : null;
}

function withFiller(sentence: string, spec: BuiltinModelSpec, random: Random): string {
  return random() < spec.fillerRate
    ? `${sentence.replace(/[.!?]$/, "")}, ${pick(random, FILLERS)}.`
    : sentence;
}

/** Picks among the candidates that fit `max` characters; the shortest, clipped, if none does. */
function fitting(candidates: string[], max: number | undefined, random: Random): string {
  const fit = max === undefined ? candidates : candidates.filter((c) => c.length <= max);
  if (fit.length > 0) return pick(random, fit);
  return clip([...candidates].sort((a, b) => a.length - b.length)[0] ?? "", max);
}

/** Sentences for a paragraph: the offer first, then support, then the way to act. */
function paragraph(prompt: Prompt, spec: BuiltinModelSpec, random: Random, max?: number): string {
  const p = phrasing(prompt, random);
  const count = between(random, spec.bodySentences);
  const support = shuffle(supportSentences(p), random);
  const out = [pick(random, offerSentences(p.facts))];
  while (out.length < count - 1 && support.length > 0) out.push(support.shift()!);
  if (out.length < count) out.push(ctaSentence(p.facts, random));
  const slipped = slip(spec, p.facts, random);
  if (slipped) out.splice(1 + Math.floor(random() * out.length), 0, slipped);
  const sentences = out.map((s, i) => (i === 0 ? s : withFiller(s, spec, random)));
  if (max === undefined) return sentences.join(" ");
  // Whole sentences while they fit: the offer sentence always leads.
  let text = sentences[0]!;
  for (const s of sentences.slice(1)) if (text.length + 1 + s.length <= max) text = `${text} ${s}`;
  return clip(text, max);
}

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function slot(field: string, prompt: Prompt, spec: BuiltinModelSpec, random: Random, max?: number): string {
  const name = field.toLowerCase();
  const f = prompt.facts;
  if (/headline|title|subject|heading/.test(name) && !/subhead/.test(name)) {
    const headline = fitting(headlines(f), max, random);
    const slipped =
      spec.slipRate > 0.1 && random() < spec.slipRate / 2 ? `${headline}, guaranteed` : headline;
    return max !== undefined && slipped.length > max ? headline : slipped;
  }
  if (/cta|button|action/.test(name)) return fitting(ctas(f, random), max, random);
  if (/preheader|subline|subtitle|tagline|summary/.test(name)) {
    const offer = offerSentences(f);
    const short = offerWords(f) ? [`${cap(offerWords(f))}: ${f.product}`] : [];
    return fitting([...offer, ...short], max, random);
  }
  if (/message|notification/.test(name)) {
    // A lock-screen line: the offer, then the action if it fits.
    const offer = pick(random, offerSentences(f));
    const withCta = `${offer} ${ctaSentence(f, random)}`;
    return fitting(max === undefined || withCta.length <= max ? [withCta] : offerSentences(f), max, random);
  }
  return paragraph(prompt, spec, random, max);
}

const GREETING = /^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you)\b[\s!.,]*$/i;
const QUESTION = /\?\s*$|^\s*(?:what|how|when|where|why|who|which|can|could|do|does|is|are|should|will)\b/i;

/**
 * Plain text, for chat. A greeting gets a greeting and what to send; a question gets a short
 * answer from the brief's facts; anything else is a request for copy: a headline line, then a
 * body paragraph, then a call to action.
 */
export function writeText(prompt: Prompt, spec: BuiltinModelSpec, random: Random): string {
  if (GREETING.test(prompt.briefText)) {
    return "Hello! Tell me the product, the offer and who it is for, and I will draft the copy.";
  }
  if (QUESTION.test(prompt.briefText)) {
    const f = prompt.facts;
    const audience = f.audience
      ? ` ${cap(f.product)} ${f.plural ? "were" : "was"} made for ${f.audience}.`
      : "";
    return `${pick(random, offerSentences(f))}${audience} ${ctaSentence(f, random)}`;
  }
  return ["headline", "body", "cta"].map((f) => slot(f, prompt, spec, random)).join("\n\n");
}

/** What a JSON schema says about one field, as far as the built-in model heeds it. */
export interface FieldShape {
  type?: string;
  format?: string;
  maxLength?: number;
  maxItems?: number;
  items?: { maxLength?: number };
  required?: boolean;
}

function clip(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, "");
}

/** One-word tags from the product's words and the kind of brief. */
function hashtags(prompt: Prompt): string[] {
  const f = prompt.facts;
  const words = [f.name, f.category, f.product]
    .filter((w): w is string => Boolean(w))
    .map((w) => w.replace(/[^A-Za-z0-9]/g, "").toLowerCase());
  return [...new Set([...words, f.kind === "general" ? "new" : f.kind])].filter(Boolean);
}

/**
 * One value per requested slot, for JSON mode. With a JSON schema it follows the shape: lists
 * get a few one-word items from the brief, lengths are kept under `maxLength`, and optional
 * links are left out (the model has no page to link to).
 */
export function writeSlots(
  fields: string[],
  prompt: Prompt,
  spec: BuiltinModelSpec,
  random: Random,
  shapes: Record<string, FieldShape> = {},
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const field of fields) {
    const shape = shapes[field] ?? {};
    if (shape.type === "array") {
      const n = Math.min(shape.maxItems ?? 3, 3);
      const items = /hashtag|tag|keyword/i.test(field) ? hashtags(prompt) : listItems(prompt.facts);
      out[field] = items.slice(0, n).map((w) => clip(w, shape.items?.maxLength));
      continue;
    }
    if (shape.format === "uri" || /url|link/i.test(field)) {
      // An optional link only when the brand names a domain it may point to.
      if (!shape.required && prompt.linkDomains.length === 0) continue;
      // A link on a domain the brand allows, when the system message names them.
      const slug =
        prompt.facts.product
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") || "offers";
      out[field] = `https://${prompt.linkDomains[0] ?? "example.com"}/${slug}`;
      continue;
    }
    out[field] = clip(slot(field, prompt, spec, random, shape.maxLength), shape.maxLength);
  }
  return out;
}
