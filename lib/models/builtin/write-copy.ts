import type { BuiltinModelSpec } from "./catalog";
import { SLIP_TERMS } from "./catalog";
import { markovSentence } from "./markov";
import { between, pick, type Random } from "./random";
import type { Prompt } from "./read-prompt";

const DEFAULT_VOICE = ["clear", "friendly", "confident"];
const HEADLINES = [
  "Meet your new {topic}",
  "{Topic}, made {adj}",
  "The {adj} way to {verb} {topic}",
  "{Topic} that keeps up with you",
  "Say hello to {adj} {topic}",
];
const SENTENCES = [
  "Our {topic} is built to be {adj}, from the first day to the hundredth.",
  "It is a {adj} choice for {audience} who want more from {topic}.",
  "Every detail of the {topic} was shaped by {audience} like you.",
  "{Topic} should feel {adj}, and now it does.",
  "Designed for {audience}, it makes {topic} simple and {adj}.",
  "You get {adj} {topic} without the fuss.",
];
const FILLERS = [
  "and honestly, that really matters more than ever these days",
  "which, when you think about it, is exactly what you have been looking for all along",
  "so you can spend a little less time worrying and a lot more time enjoying it",
];
const SLIPS: Record<(typeof SLIP_TERMS)[number], string> = {
  cheap: "It is cheap enough to buy twice.",
  guaranteed: "Results are guaranteed, every single time.",
  "best-in-class": "Simply best-in-class, full stop.",
  Contoso: "Unlike Contoso, we never cut corners.",
};
const CTAS = ["Shop now", "Try it today", "Find out more", "Get started", "See the {topic}"];
const VERBS = ["enjoy", "discover", "rethink", "upgrade"];

interface Words {
  topic: string;
  adj: string;
  audience: string;
  verb: string;
}

function fill(template: string, w: Words): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return template
    .replaceAll("{Topic}", cap(w.topic))
    .replaceAll("{topic}", w.topic)
    .replaceAll("{adj}", w.adj)
    .replaceAll("{audience}", w.audience)
    .replaceAll("{verb}", w.verb);
}

function words(prompt: Prompt, random: Random): Words {
  // Either the head noun alone or modifier + noun, so the copy does not repeat itself verbatim.
  const topic = prompt.topic.slice(random() < 0.5 ? -1 : -2).join(" ");
  return {
    topic: topic || "product",
    adj: pick(random, prompt.voice.length > 0 ? prompt.voice : DEFAULT_VOICE),
    audience: prompt.audience ?? "people",
    verb: pick(random, VERBS),
  };
}

function slip(spec: BuiltinModelSpec, random: Random): string | null {
  return random() < spec.slipRate ? SLIPS[pick(random, SLIP_TERMS)] : null;
}

function body(prompt: Prompt, spec: BuiltinModelSpec, random: Random): string {
  const count = between(random, spec.bodySentences);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    // Roughly one sentence in three borrows the brand's approved phrasing, when there is any.
    const borrowed = random() < 0.35 ? markovSentence(prompt.examples, random) : null;
    let sentence = borrowed ?? fill(pick(random, SENTENCES), words(prompt, random));
    if (random() < spec.fillerRate) sentence = `${sentence.replace(/[.!?]$/, "")}, ${pick(random, FILLERS)}.`;
    out.push(sentence);
  }
  const slipped = slip(spec, random);
  if (slipped) out.splice(Math.floor(random() * (out.length + 1)), 0, slipped);
  return out.join(" ");
}

function slot(field: string, prompt: Prompt, spec: BuiltinModelSpec, random: Random): string {
  const name = field.toLowerCase();
  if (/headline|title|subject|heading/.test(name)) {
    const headline = fill(pick(random, HEADLINES), words(prompt, random));
    return spec.slipRate > 0.1 && random() < spec.slipRate / 2 ? `${headline}, guaranteed` : headline;
  }
  if (/cta|button|action/.test(name)) return fill(pick(random, CTAS), words(prompt, random));
  if (/preheader|subtitle|tagline|subhead|summary/.test(name)) {
    return fill(pick(random, SENTENCES), words(prompt, random));
  }
  return body(prompt, spec, random);
}

/** Plain-text copy: a headline line, then a body paragraph, then a call to action. */
export function writeText(prompt: Prompt, spec: BuiltinModelSpec, random: Random): string {
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
      const pool = [
        ...new Set(prompt.topic.map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, "")).filter(Boolean)),
      ];
      const n = Math.min(shape.maxItems ?? 3, Math.max(1, pool.length), 1 + Math.floor(random() * 3));
      out[field] = pool.slice(0, n).map((w) => clip(w, shape.items?.maxLength));
      continue;
    }
    if (shape.format === "uri" || /url|link/i.test(field)) {
      if (!shape.required) continue;
      // A link on a domain the brand allows, when the system message names them.
      const slug =
        prompt.topic
          .slice(0, 2)
          .join("-")
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, "") || "offers";
      out[field] = `https://${prompt.linkDomains[0] ?? "example.com"}/${slug}`;
      continue;
    }
    out[field] = clip(slot(field, prompt, spec, random), shape.maxLength);
  }
  return out;
}
