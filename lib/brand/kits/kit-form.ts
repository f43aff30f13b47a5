import {
  CHANNELS,
  DEFAULT_VOICE_STYLE,
  type BrandKit,
  type Channel,
  type ClaimKind,
  type ImageFormat,
} from "@/lib/brand/kit";

/**
 * The kit as the editor's form holds it. Numbers are kept as typed (strings) and word lists as
 * one entry per line, so a half-typed value is never lost or coerced on the way; the server's
 * kit schema judges them on save and names the field at fault.
 */
export interface KitForm {
  voice: {
    description: string;
    tone: string;
    formality: string;
    maxExclamationShare: string;
    maxSentenceWords: string;
    avoidWords: string;
  };
  bannedTerms: { term: string; reason: string }[];
  competitors: string;
  terminology: { preferred: string; deprecated: string }[];
  trademarks: string;
  disclaimers: Record<Channel, string>;
  claimPhrases: string;
  claimKinds: ClaimKind[];
  allowedLinkDomains: string;
  publicContacts: string;
  maxGrade: string;
  lengthLimits: Record<Channel, string>;
  colours: { name: string; hex: string }[];
  tolerance: string;
  images: {
    allowedFormats: ImageFormat[];
    minWidth: string;
    minHeight: string;
    maxBytes: string;
    logoNeedsTransparency: boolean;
  };
  logos: string[];
  threshold: string;
}

const lines = (list: readonly string[]) => list.join("\n");
const perChannel = <T>(pick: (c: Channel) => T) =>
  Object.fromEntries(CHANNELS.map((c) => [c, pick(c)])) as Record<Channel, T>;

/** The form a kit opens in; `formToKit(kitToForm(kit))` parses back to the same kit. */
export function kitToForm(kit: BrandKit): KitForm {
  const style = kit.voice.style ?? DEFAULT_VOICE_STYLE;
  return {
    voice: {
      description: kit.voice.description,
      tone: lines(kit.voice.tone),
      formality: style.formality,
      maxExclamationShare: String(style.maxExclamationShare),
      maxSentenceWords: String(style.maxSentenceWords),
      avoidWords: lines(style.avoidWords),
    },
    bannedTerms: kit.bannedTerms.map((b) => ({ ...b })),
    competitors: lines(kit.competitors),
    terminology: kit.terminology.map((t) => ({ preferred: t.preferred, deprecated: t.deprecated })),
    trademarks: lines(kit.trademarks),
    disclaimers: perChannel((c) => lines(kit.disclaimers[c] ?? [])),
    claimPhrases: lines(kit.claims.phrases),
    claimKinds: [...kit.claims.kinds],
    allowedLinkDomains: lines(kit.allowedLinkDomains),
    publicContacts: lines(kit.publicContacts),
    maxGrade: String(kit.readingLevel.maxGrade),
    lengthLimits: perChannel((c) => (kit.lengthLimits[c] === undefined ? "" : String(kit.lengthLimits[c]))),
    colours: kit.palette.colours.map((c) => ({ ...c })),
    tolerance: String(kit.palette.tolerance),
    images: {
      allowedFormats: [...kit.images.allowedFormats],
      minWidth: String(kit.images.minWidth),
      minHeight: String(kit.images.minHeight),
      maxBytes: String(kit.images.maxBytes),
      logoNeedsTransparency: kit.images.logoNeedsTransparency,
    },
    logos: (kit.logos ?? []).map((l) => l.assetId),
    threshold: String(kit.threshold),
  };
}

/** One entry per non-blank line: blank lines are spacing, not empty entries. */
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/**
 * A number as typed, or the text itself when it is not one, so the schema refuses it by its
 * field path instead of the form guessing a value.
 */
function number(text: string): number | string {
  const t = text.trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
}

/**
 * The kit JSON the form describes, unvalidated: the save action parses it with the kit schema.
 * Rows are sent as they stand, blank ones too, so the index in an error's path (`terminology.3`)
 * is the row on screen. A channel with no disclaimers or no length limit is left out, which is
 * how the schema says "none".
 */
export function formToKit(form: KitForm): Record<string, unknown> {
  const disclaimers: Partial<Record<Channel, string[]>> = {};
  const lengthLimits: Partial<Record<Channel, number | string>> = {};
  for (const c of CHANNELS) {
    const list = splitLines(form.disclaimers[c]);
    if (list.length > 0) disclaimers[c] = list;
    if (form.lengthLimits[c].trim() !== "") lengthLimits[c] = number(form.lengthLimits[c]);
  }
  return {
    voice: {
      description: form.voice.description,
      tone: splitLines(form.voice.tone),
      style: {
        formality: form.voice.formality,
        maxExclamationShare: number(form.voice.maxExclamationShare),
        maxSentenceWords: number(form.voice.maxSentenceWords),
        avoidWords: splitLines(form.voice.avoidWords),
      },
    },
    bannedTerms: form.bannedTerms,
    competitors: splitLines(form.competitors),
    terminology: form.terminology.map((r) => ({ deprecated: r.deprecated, preferred: r.preferred })),
    trademarks: splitLines(form.trademarks),
    disclaimers,
    claims: { phrases: splitLines(form.claimPhrases), kinds: form.claimKinds },
    allowedLinkDomains: splitLines(form.allowedLinkDomains),
    publicContacts: splitLines(form.publicContacts),
    readingLevel: { maxGrade: number(form.maxGrade) },
    lengthLimits,
    palette: { colours: form.colours, tolerance: number(form.tolerance) },
    images: {
      allowedFormats: form.images.allowedFormats,
      minWidth: number(form.images.minWidth),
      minHeight: number(form.images.minHeight),
      maxBytes: number(form.images.maxBytes),
      logoNeedsTransparency: form.images.logoNeedsTransparency,
    },
    logos: form.logos.map((assetId) => ({ assetId })),
    threshold: number(form.threshold),
  };
}
