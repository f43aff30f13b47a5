/**
 * What the built-in model takes from a brief written by a person: the product (a name such as
 * "Summit Down Parka" and/or a category such as "insulated jackets"), the offer (a deal and a
 * time), the audience and the call to action. Rules, not a language model: it reads the shapes
 * marketers write ("30% off X this weekend", "launch of the new X for Y", "CTA: Book a demo").
 */
export type BriefKind = "sale" | "launch" | "event" | "newsletter" | "b2b" | "app" | "general";

/** How the deal reads in a sentence: "X is 30% off", "X costs $49", "X comes with free shipping". */
export type DealShape = "off" | "price" | "free" | "bundle" | "other";

export interface BriefFacts {
  /** The product as the copy names it: the name when there is one, else the category. */
  product: string;
  /** A proper name from the brief ("Summit Down Parka"), if any. */
  name: string | null;
  /** The kind of thing on offer ("insulated jackets"), if the brief says. */
  category: string | null;
  /** Whether `product` takes a plural verb ("jackets are", "the parka is"). */
  plural: boolean;
  deal: string | null;
  dealShape: DealShape | null;
  /** When, with its preposition: "this weekend", "until Sunday", "on 14 March". */
  when: string | null;
  audience: string | null;
  cta: string | null;
  kind: BriefKind;
  /** For an event: what it is ("webinar", "tasting"), when the product's name does not say. */
  event: string | null;
}

const EVENT =
  /\b(webinar|workshop|festival|tasting|meetup|conference|open day|class|race|concert|market|livestream|event)\b/i;
const DAY = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day";
const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATE = `(?:${DAY}(?:,?\\s+\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?|tonight|midnight|tomorrow|today)`;
const CLOCK = "(?:\\s+at\\s+\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?)?";
const HOLIDAY =
  "(?:Black Friday|Cyber Monday|Boxing Day|Christmas|New Year's Day|Valentine's Day|Mother's Day|Father's Day|Easter|Halloween)";

const WHEN_PATTERNS: RegExp[] = [
  new RegExp(`\\b(?:until|till|through|ends|ending|before|from|starting|on)\\s+${DATE}${CLOCK}`, "i"),
  new RegExp(
    `\\b(?:this|next)\\s+(?:weekend|week|month|morning|evening|season|spring|summer|autumn|fall|winter|${DAY})(?:\\s+only)?\\b`,
    "i",
  ),
  new RegExp(`\\b(?:on|for|this)\\s+${HOLIDAY}`, "i"),
  new RegExp(`\\b${HOLIDAY}`),
  /\b(?:today|tonight) only\b/i,
  /\bfor (?:24|48|72) hours(?: only)?\b/i,
  /\ball (?:week|weekend|month) long\b/i,
  new RegExp(`\\b${DATE}${CLOCK}\\b`),
];

const DEAL_PATTERNS: [RegExp, DealShape][] = [
  [/\b(?:up to\s+)?\d{1,3}%\s+off\b/i, "off"],
  [/(?:\bup to\s+)?[$£€]\s?\d+(?:[.,]\d{2})?\s+off\b/i, "off"],
  [/\bhalf[- ]price\b/i, "off"],
  [/\bbuy one,? get one(?: free| half[- ]price)?\b/i, "bundle"],
  [/\b\d\s+for\s+(?:[$£€]\s?\d+(?:[.,]\d{2})?|\d)\b/i, "bundle"],
  [/\b(?:an?\s+)?\d+-(?:day|week|month) free trial\b/i, "free"],
  [
    /\bfree (?:shipping|delivery|returns|engraving|upgrades?|refills?|entry|tickets?|gift wrap(?:ping)?)\b/i,
    "free",
  ],
  [/\bdouble (?:points|rewards)\b/i, "other"],
  [/\bearly[- ]bird (?:tickets?|pricing|prices)\b/i, "other"],
  [
    /\b(?:from|just|only|at|for)?\s*[$£€]\s?\d+(?:[.,]\d{2})?(?:\s*(?:\/|a |per )\s*(?:month|mo|year|yr|user|seat|person|ticket))?/i,
    "price",
  ],
];

/** Capitalised words that start a brief or name a time, never a product. */
const NOT_NAME = new RegExp(
  `^(?:${DAY}|${MONTH}|${HOLIDAY}|Black|Cyber|Launch|Email|Newsletter|Promote|Announce|Write|Sale|New|Our|The|This|Get|Join|Push|Banner|Social|Landing|Post|Tweet|Brief|CTA|Audience|For|Save|Shop|Free|Book|Register|Tell|Invite|Remind|Monthly|Weekly|Spring|Summer|Autumn|Winter|Announcing|Introducing|Celebrate|A|An|Limited|Last|Flash|Easter|Holiday)$`,
);
const NAME_WORD = "[A-Z][A-Za-z0-9'’&.-]*";
const NAME_RUN = new RegExp(`${NAME_WORD}(?:\\s+(?:${NAME_WORD}|\\d+[A-Za-z]*))+|${NAME_WORD}`, "g");

/** Nouns ending in s that still take a singular verb. */
const SINGULAR_S = /(?:ss|us|is|ics|news|series|species|gas|plus|ous|ius)$/i;
const STOP =
  /^(?:for|this|next|until|till|through|on|at|with|and|in|when|from|to|by|before|during|ends?|ending|starting|only|all|who|that|now|so|plus|including|or|off|as|while|via|every|each)$/i;
const NOT_PRODUCT =
  /^(?:sale|email|post|campaign|newsletter|banner|notification|push|copy|promo|promotion|offer|deal|discount|announcement|launch|message|page|tweet|weekend|week|month|today|tonight)$/i;

function firstMatch(text: string, patterns: RegExp[]): string | null {
  let best: { index: number; text: string } | null = null;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, text: m[0].trim() };
  }
  return best?.text ?? null;
}

function readWhen(text: string): string | null {
  // A bare date ("Friday") only when nothing says more ("for 24 hours", "until Sunday").
  const found = firstMatch(text, WHEN_PATTERNS.slice(0, -1)) ?? firstMatch(text, WHEN_PATTERNS.slice(-1));
  if (!found) return null;
  const when = found.replace(/^(?:ends|ending)\s+/i, "until ").replace(/^starting\s+/i, "from ");
  // A bare date or holiday reads as "on 14 March", "on Black Friday".
  return /^(?:until|till|through|before|from|on|this|next|today|tonight|for|all)\b/i.test(when)
    ? when.replace(/^(This|Next|Until|Through|Before|From|On|For)\b/, (w) => w.toLowerCase())
    : `on ${when}`;
}

function readDeal(text: string): { deal: string; shape: DealShape } | null {
  for (const [pattern, shape] of DEAL_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    let deal = m[0].trim().replace(/\s+/g, " ");
    // "Free shipping" opened the brief; in the copy it sits mid-sentence.
    deal = deal.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
    if (shape === "price") deal = deal.replace(/^(?:at|for)\s+/i, "");
    if (shape === "bundle" && /^buy/i.test(deal)) deal = deal.toLowerCase().replace(/one get/, "one, get");
    if (shape === "free" && /trial/i.test(deal)) deal = deal.replace(/^(?:an?\s+)?/i, (a) => a || "a ");
    return { deal, shape };
  }
  return null;
}

function sentenceStarts(text: string): Set<number> {
  const starts = new Set<number>([0]);
  for (const m of text.matchAll(/(?:[.!?:;\n]|^)\s*/g)) starts.add(m.index + m[0].length);
  return starts;
}

/** The first proper name: a run of capitalised words, not a day, month or opening verb. */
function readName(text: string): string | null {
  const starts = sentenceStarts(text);
  const candidates: string[] = [];
  for (const m of text.matchAll(NAME_RUN)) {
    const words = m[0].split(/\s+/);
    let offset = m.index;
    // Drop leading words that open a sentence or name a time ("Launch Summit Down Parka").
    while (words.length > 0 && (NOT_NAME.test(words[0]!) || /^\d/.test(words[0]!))) {
      offset += words.shift()!.length + 1;
    }
    while (words.length > 0 && NOT_NAME.test(words[words.length - 1]!)) words.pop();
    if (words.length === 0) continue;
    const name = words.join(" ").replace(/[.'’]+$/, "");
    // A single capitalised word at a sentence start is just the start of the sentence.
    if (words.length === 1 && (starts.has(offset) || name.length < 3)) continue;
    if (/^[A-Z0-9]{2,4}$/.test(name)) continue; // IT, B2B, CTA, UK
    if (new RegExp(`^${HOLIDAY}$`).test(name)) continue;
    candidates.push(name);
  }
  return candidates.find((c) => c.includes(" ")) ?? candidates[0] ?? null;
}

function nounPhrase(words: string[]): string | null {
  const out: string[] = [];
  for (const w of words) {
    if (STOP.test(w) || !/^[a-z][a-z-]*$/.test(w)) break;
    out.push(w);
    if (out.length === 3) break;
  }
  while (out.length > 0 && NOT_PRODUCT.test(out[out.length - 1]!)) out.pop();
  return out.length > 0 ? out.join(" ") : null;
}

/** The kind of thing on offer: the words after "30% off", "the new", "our", "of". */
function readCategory(text: string): string | null {
  const cues = [
    /^\s*(?:[a-z]+:\s*)?([a-z][a-z ]+?)\s+(?:are|is)\s+(?:now\s+)?(?:up to\s+)?[$£€\d]/i,
    /\b(?:sale|deal|discount|savings?|offer) on\s+(?:all\s+|our\s+|the\s+)?([^,.;:!?\n]+)/i,
    /(?:%|[$£€]\s?\d+(?:[.,]\d{2})?)\s+off\s+(?:all\s+|our\s+|the\s+|every\s+|any\s+)?([^,.;:!?\n]+)/i,
    /\b(?:the|our)\s+new\s+([^,.;:!?\n]+)/i,
    /\bnew\s+([^,.;:!?\n]+)/i,
    /\b(?:on|of|for|about)\s+(?:our|the)\s+([^,.;:!?\n]+)/i,
    /\bour\s+([^,.;:!?\n]+)/i,
  ];
  for (const cue of cues) {
    const phrase = cue.exec(text)?.[1];
    const np = phrase ? nounPhrase(phrase.trim().toLowerCase().split(/\s+/)) : null;
    if (np && !/^(?:and|the|a|an|your|my|their|first)\b/.test(np)) return np;
  }
  return null;
}

function readAudience(text: string): string | null {
  const labelled = /^\s*(?:audience|for|target)\s*:\s*([^\n{}[\]"]+)$/im.exec(text)?.[1];
  if (labelled) return labelled.trim().replace(/[.]$/, "").toLowerCase();
  const m =
    /\b(?:for|to|aimed at|targeting)\s+((?:(?:our|all|new|existing|returning|busy|local|first-time)\s+)?(?:[A-Za-z][a-z-]*\s+){0,2}[a-z][a-z-]*(?:s|people|staff|folk))\b/.exec(
      text,
    );
  // "for new members this month": the last word ends in s but is not the audience's noun.
  const audience = m?.[1]?.replace(/\s+(?:this|his|its|us|is|was|plus|thus|yes)$/, "");
  if (!audience || !/s$/.test(audience)) return null;
  if (!audience || /\b(?:hours|days|weeks|months|years|jackets|the|less|us)$/.test(audience)) return null;
  return audience.replace(/^(?:our|all)\s+/, "");
}

function readCta(text: string): string | null {
  const m = /\b(?:cta|call to action|button)\s*(?:[:=–-]|is|says|reads)\s*["“']?([^"”'.\n;,]+)/i.exec(text);
  const cta = m?.[1]?.trim();
  return cta ? cta.charAt(0).toUpperCase() + cta.slice(1) : null;
}

function readKind(text: string, hasDeal: boolean): BriefKind {
  if (EVENT.test(text)) return "event";
  if (/\b(?:app|push|in-app|mobile)\b/i.test(text)) return "app";
  if (/\b(?:B2B|enterprise|businesses|teams|managers|SaaS|procurement|clients|demo|IT)\b/.test(text))
    return "b2b";
  if (hasDeal || /\bsale\b/i.test(text)) return "sale";
  if (/\b(?:launch|introduc|unveil|arriv|debut|pre-?order|new)/i.test(text)) return "launch";
  if (/\b(?:newsletter|digest|roundup|monthly|weekly)\b/i.test(text)) return "newsletter";
  return "general";
}

export function isPlural(noun: string): boolean {
  const last = noun.trim().split(/\s+/).pop() ?? "";
  return /[a-z]s$/i.test(last) && !SINGULAR_S.test(last);
}

/** The facts of a brief; `fallbackTopic` names the product when the brief names none. */
export function readBrief(text: string, fallbackTopic: string[] = []): BriefFacts {
  const deal = readDeal(text);
  const category = readCategory(text);
  let name = readName(text);
  // "30% off lanterns in the Campfire app": the app shows the offer; the lanterns are on offer.
  if (name && category && new RegExp(`${name}\\s+app\\b`, "i").test(text)) name = null;
  const fallback = fallbackTopic.slice(-2).join(" ");
  // A category reads as the brand's own: "our insulated jackets are", "take 30% off our jackets".
  const product = name ?? (category ? `our ${category}` : fallback ? `our ${fallback}` : "our new range");
  const event = EVENT.exec(text)?.[1]?.toLowerCase() ?? null;
  return {
    event: event && !product.toLowerCase().includes(event) ? event : null,
    product,
    name,
    category,
    plural: isPlural(product),
    deal: deal?.deal ?? null,
    dealShape: deal?.shape ?? null,
    when: readWhen(text),
    audience: readAudience(text),
    cta: readCta(text),
    kind: readKind(text, deal !== null),
  };
}
