/**
 * The content of one brand-kit version: everything the input/output checks measure against.
 * A kit version is immutable once published; checks read it, never change it.
 */
import { z } from "zod";

export const CHANNELS = ["email", "social", "display", "push", "landing"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/**
 * Claim kinds the legal-claims check recognises by itself. Kits pick kinds and add plain
 * phrases; they never supply regular expressions, so no kit can make a check backtrack.
 */
export const CLAIM_KINDS = ["guarantee", "clinical", "superlative", "percentage", "environmental"] as const;
export const claimKindSchema = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof claimKindSchema>;

export const IMAGE_FORMATS = ["png", "jpeg", "webp", "gif", "avif", "svg"] as const;
export const imageFormatSchema = z.enum(IMAGE_FORMATS);
export type ImageFormat = z.infer<typeof imageFormatSchema>;

const phrase = z.string().trim().min(1).max(200);
const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,63}$/,
    "Enter a domain such as example.com",
  );
const hexColour = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "Enter a colour as #rrggbb");

export const bannedTermSchema = z.object({ term: phrase, reason: z.string().trim().min(1).max(300) });
export const terminologyRuleSchema = z.object({ deprecated: phrase, preferred: phrase });
export const paletteColourSchema = z.object({ name: z.string().trim().min(1).max(60), hex: hexColour });

export const FORMALITIES = ["casual", "neutral", "formal"] as const;

export const voiceStyleSchema = z.object({
  /** Casual voices avoid stiff wording; formal ones avoid contractions and slang; neutral, both extremes. */
  formality: z.enum(FORMALITIES),
  /** Largest share (0–1) of sentences that may end in "!". */
  maxExclamationShare: z.number().min(0).max(1),
  /** A sentence longer than this many words does not sound like the voice. */
  maxSentenceWords: z.number().int().min(5).max(200),
  /** Words and phrases the voice avoids (not banned: the check warns). */
  avoidWords: z.array(phrase).max(200),
});
export type VoiceStyle = z.infer<typeof voiceStyleSchema>;

export const DEFAULT_VOICE_STYLE: VoiceStyle = {
  formality: "neutral",
  maxExclamationShare: 0.34,
  maxSentenceWords: 35,
  avoidWords: [],
};

/**
 * A logo the kit holds: an uploaded image asset of role "logo" whose latest checks passed
 * (lib/brand/kits/kit-logos.ts refuses anything else when a version is saved). Templates
 * render the first one; the kit version pins the choice, so a published kit never changes logo.
 */
export const kitLogoSchema = z.object({ assetId: z.string().uuid("Pick a logo asset by its id") });
export type KitLogo = z.infer<typeof kitLogoSchema>;

export const brandKitSchema = z.object({
  voice: z.object({
    description: z.string().trim().max(2000),
    tone: z.array(phrase).max(20),
    /** What the tone check measures; kits saved before it existed get these defaults. */
    style: voiceStyleSchema.default(DEFAULT_VOICE_STYLE),
  }),
  bannedTerms: z.array(bannedTermSchema).max(500),
  competitors: z.array(phrase).max(200),
  terminology: z.array(terminologyRuleSchema).max(500),
  /** Product names that must appear exactly so, e.g. "TrailMaster Pro". */
  trademarks: z.array(phrase).max(100),
  /** Every disclaimer listed for a channel must appear in content for that channel. */
  disclaimers: z.partialRecord(channelSchema, z.array(z.string().trim().min(1).max(1000)).max(10)),
  claims: z.object({
    phrases: z.array(phrase).max(200),
    kinds: z.array(claimKindSchema),
  }),
  /** Links may point at these domains and their subdomains only. */
  allowedLinkDomains: z.array(hostname).max(100),
  /** Contact details the brand publishes (support address, hotline): not personal data. */
  publicContacts: z.array(z.string().trim().min(3).max(200)).max(20),
  readingLevel: z.object({ maxGrade: z.number().min(1).max(20) }),
  /** Maximum length per channel in characters (Unicode code points). */
  lengthLimits: z.partialRecord(channelSchema, z.number().int().positive().max(1_000_000)),
  palette: z.object({
    colours: z.array(paletteColourSchema).min(1).max(32),
    /** Largest CIEDE2000 distance at which an image colour still counts as a palette colour. */
    tolerance: z.number().positive().max(100),
  }),
  images: z.object({
    allowedFormats: z.array(imageFormatSchema).min(1),
    minWidth: z.number().int().positive().max(20_000),
    minHeight: z.number().int().positive().max(20_000),
    maxBytes: z
      .number()
      .int()
      .positive()
      .max(100 * 1024 * 1024),
    logoNeedsTransparency: z.boolean(),
  }),
  /** The brand's logos, first one rendered by templates; kits saved before logos existed have none. */
  logos: z.array(kitLogoSchema).max(10).default([]),
  /** Content scoring below this compliance score (0–100) is blocked. */
  threshold: z.number().int().min(0).max(100),
});

export type BrandKit = z.infer<typeof brandKitSchema>;
