import { brandKitSchema, CLAIM_KINDS, type BrandKit } from "@/db/schema/json/brand-kit";

// The schema lives in db (the brand_kit_versions.content column is typed by it).
export * from "@/db/schema/json/brand-kit";

/** The kit of the demo brand, used by the seed, the corpus and the tests. */
export const DEMO_KIT: BrandKit = brandKitSchema.parse({
  voice: {
    description:
      "Acme Outdoor sounds like a trusted trail partner: warm, practical and confident, never pushy. " +
      "Short sentences, concrete details about gear, an invitation to get outside.",
    tone: ["warm", "practical", "encouraging", "plain-spoken"],
    // "Short sentences", "never pushy": measured by the tone check.
    style: {
      formality: "neutral",
      maxExclamationShare: 0.34,
      maxSentenceWords: 28,
      avoidWords: ["act now", "hurry", "don't miss out", "last chance", "limited time only"],
    },
  },
  bannedTerms: [
    { term: "ass", reason: "Crude language is off-brand" },
    { term: "idiot-proof", reason: "Talks down to customers" },
    { term: "crap", reason: "Crude language is off-brand" },
    { term: "killer deal", reason: "Violent imagery; say 'great deal'" },
    { term: "bulletproof", reason: "Suggests protection our products do not offer" },
    { term: "lifetime guarantee", reason: "We offer a 2-year warranty, not a lifetime guarantee" },
    { term: "best-in-class", reason: "A superlative we cannot prove" },
  ],
  // Contoso is the competitor the demo's candidate model (brandgate-copy-2) names.
  competitors: ["Summit Supply", "TrailCo", "Peak & Pine", "Contoso"],
  terminology: [
    { deprecated: "cheap", preferred: "affordable" },
    { deprecated: "raincoat", preferred: "rain jacket" },
    { deprecated: "e-mail", preferred: "email" },
    { deprecated: "customers", preferred: "members" },
    { deprecated: "sleeping-bag", preferred: "sleeping bag" },
  ],
  trademarks: ["TrailMaster Pro", "AcmeDry", "Acme Outdoor"],
  disclaimers: {
    email: ["You are receiving this email because you joined Acme Outdoor Members. Unsubscribe anytime."],
    landing: ["Prices and availability subject to change."],
    display: ["Terms apply."],
  },
  claims: {
    phrases: ["waterproof", "lifetime warranty", "never leaks", "lightest", "free returns"],
    kinds: [...CLAIM_KINDS],
  },
  allowedLinkDomains: ["acmeoutdoor.com", "acme-outdoor.co.uk"],
  publicContacts: ["help@acmeoutdoor.com", "+1 800 555 0199"],
  readingLevel: { maxGrade: 8 },
  lengthLimits: { email: 5000, social: 280, display: 90, push: 120, landing: 20000 },
  palette: {
    colours: [
      { name: "Forest", hex: "#1f5c3a" },
      { name: "Summit Orange", hex: "#e8702a" },
      { name: "Granite", hex: "#4a4f55" },
      { name: "Snow", hex: "#f7f7f2" },
      { name: "Sky", hex: "#3a7ca5" },
    ],
    tolerance: 10,
  },
  images: {
    allowedFormats: ["png", "jpeg", "webp", "svg"],
    minWidth: 400,
    minHeight: 300,
    maxBytes: 2 * 1024 * 1024,
    logoNeedsTransparency: true,
  },
  threshold: 70,
});
