import type { BriefFacts } from "./read-brief";
import type { Random } from "./random";
import { pick } from "./random";

/**
 * The sentences the built-in model writes from a brief's facts. Every sentence with the
 * product as its subject picks its verb through `verb()`, so a plural product ("insulated
 * jackets") gets "are", "keep", "come" and a named one ("Summit Down Parka") "is", "keeps".
 */
export interface Phrasing {
  facts: BriefFacts;
  /** One adjective from the brand's voice ("friendly", "bold"). */
  adj: string;
  random: Random;
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The verb form agreeing with the product: `verb(f, "keeps", "keep")`. */
export function verb(f: BriefFacts, singular: string, plural: string): string {
  return f.plural ? plural : singular;
}

const pronoun = (f: BriefFacts) => (f.plural ? "they" : "it");
const object = (f: BriefFacts) => (f.plural ? "them" : "it");
const tail = (when: string | null) => (when ? ` ${when}` : "");

/** The offer in a few words: "30% off this weekend", "from $12", "14 March" (for "Name: …"). */
export function offerWords(f: BriefFacts): string {
  return [f.deal, f.deal ? f.when : f.when?.replace(/^on\s+/, "")].filter(Boolean).join(" ");
}

/** Sentences that carry the product and the whole offer; the copy always includes one. */
export function offerSentences(f: BriefFacts): string[] {
  const S = cap(f.product);
  const s = f.product;
  const w = tail(f.when);
  const d = f.deal ?? "";
  const withCategory = f.name && f.category;
  switch (f.dealShape) {
    case "off":
      return [
        `${S} ${verb(f, "is", "are")} ${d}${w}.`,
        withCategory ? `Take ${d} our ${f.category}${w}, including ${f.name}.` : `Take ${d} ${s}${w}.`,
      ];
    case "price":
      return /^from\b/i.test(d)
        ? [`${S} ${verb(f, "starts", "start")} at ${d.replace(/^from\s+/i, "")}${w}.`, `Get ${s} ${d}${w}.`]
        : [`${S} ${verb(f, "costs", "cost")} ${/^(?:just|only)\b/i.test(d) ? d : `just ${d}`}${w}.`];
    case "free":
      return /trial/i.test(d)
        ? [`Try ${s} with ${d}${w}.`, `${S} ${verb(f, "comes", "come")} with ${d}${w}.`]
        : [`${S} ${verb(f, "comes", "come")} with ${d}${w}.`, `Enjoy ${d} on ${s}${w}.`];
    case "bundle":
      return [`${cap(d)} on ${s}${w}.`];
    case "other":
      return /ticket|price|pricing/i.test(d) ? [`Get ${d} for ${s}${w}.`] : [`${cap(d)} on ${s}${w}.`];
    default:
      break;
  }
  if (!f.when) return [`${S} ${verb(f, "is", "are")} here.`, `Meet ${s}.`];
  switch (f.kind) {
    case "event":
      return f.event
        ? [`Join our ${f.event} on ${s}${w}.`, `Our ${f.event} on ${s} takes place${w}.`]
        : [`${S} ${verb(f, "takes", "take")} place${w}.`, `Join us for ${s}${w}.`];
    case "launch":
    case "app":
      return [`${S} ${verb(f, "arrives", "arrive")}${w}.`, `Meet ${s}${w}.`];
    default:
      return [`${S} ${verb(f, "is", "are")} yours${w}.`, `Discover ${s}${w}.`];
  }
}

/** Short lines that name the product and, where they fit, the offer (headlines, subjects). */
export function headlines(f: BriefFacts): string[] {
  const S = cap(f.product);
  const offer = offerWords(f);
  const out: string[] = [];
  if (f.dealShape === "off") out.push(`${cap(f.deal!)} ${f.product}${tail(f.when)}`, `${S}, now ${f.deal}`);
  if (offer) out.push(`${S}: ${offer}`);
  switch (f.kind) {
    case "event":
      out.push(f.event ? `Join our ${f.event} on ${f.product}` : `Join us for ${f.product}`);
      break;
    case "b2b":
      out.push(f.audience ? `${S} for ${f.audience}` : `Meet ${f.product}`);
      break;
    case "newsletter":
      out.push(`Inside: ${f.product}`);
      break;
    case "app":
      out.push(`New in the app: ${f.product}`);
      break;
    default:
      out.push(`Meet ${f.product}`, `${S} ${verb(f, "is", "are")} here`);
  }
  return out;
}

/** Sentences that support the offer: who it is for, the voice, what to do next. */
export function supportSentences(p: Phrasing): string[] {
  const { facts: f, adj } = p;
  const S = cap(f.product);
  const P = cap(pronoun(f));
  const out = [`${S} ${verb(f, "is", "are")} ${adj} by design.`];
  if (f.audience) {
    out.push(
      `${P} ${verb(f, "was", "were")} made for ${f.audience}.`,
      `Every detail was shaped by ${f.audience} like you.`,
    );
  }
  const byKind: Record<BriefFacts["kind"], string[]> = {
    sale: [
      "Stock is limited.",
      /^(?:until|till|through)\b/.test(f.when ?? "") ? `The offer runs ${f.when}.` : "The offer ends soon.",
    ],
    launch: [`Be among the first to try ${object(f)}.`, `${P} ${verb(f, "is", "are")} ready when you are.`],
    event: ["Places are limited, so save yours early.", "Everyone is welcome, and you can bring a friend."],
    b2b: [
      "Your team can be up and running in an afternoon.",
      `${S} ${verb(f, "works", "work")} with the tools your team already uses.`,
    ],
    app: ["Open the app to see what is new.", "Turn on notifications so you never miss an offer."],
    newsletter: ["This issue has everything you need to know.", "Read on for the details."],
    general: [`Once you try ${object(f)}, you will wonder how you managed without ${object(f)}.`],
  };
  return [...out, ...byKind[f.kind]];
}

const DEFAULT_CTAS: Record<BriefFacts["kind"], string[]> = {
  sale: ["Shop the sale", "Shop now"],
  launch: ["Discover more", "Order now"],
  event: ["Save your seat", "Book now"],
  b2b: ["Book a demo", "Talk to us"],
  app: ["Open the app", "Open now"],
  newsletter: ["Read more", "Read the issue"],
  general: ["Find out more", "Learn more"],
};

/** Calls to action, the brief's own first. */
export function ctas(f: BriefFacts, random: Random): string[] {
  const defaults = DEFAULT_CTAS[f.kind];
  const first = pick(random, defaults);
  return [...(f.cta ? [f.cta] : []), first, ...defaults.filter((c) => c !== first)];
}

/** A closing sentence that leads to the call to action. */
export function ctaSentence(f: BriefFacts, random: Random): string {
  const cta = ctas(f, random)[0]!;
  return /\b(?:now|today)$/i.test(cta) ? `${cta}.` : `${cta} today.`;
}

/** Bullet items (highlights, benefits): no ending punctuation, one idea each. */
export function listItems(f: BriefFacts): string[] {
  const offer = offerSentences(f)[0]!.replace(/[.]$/, "");
  const items = [offer];
  if (f.audience) items.push(`Made for ${f.audience}`);
  const byKind: Record<BriefFacts["kind"], string> = {
    sale: "While stock lasts",
    launch: `Be among the first to try ${object(f)}`,
    event: "Places are limited",
    b2b: "Set up in an afternoon",
    app: "Open the app for the details",
    newsletter: "Everything in one short read",
    general: "Made with care",
  };
  items.push(byKind[f.kind]);
  return items;
}
