import type { RenderedParts, StoredSlotValues } from "@/db/schema/json/content-revision";
import type { Audience, Variant } from "@/lib/personalisation/feature-schema";

/**
 * The personalisation model's view of one piece of content, read from what it says. Revisions
 * do not store variant features yet, so they are derived here the same way for every request;
 * a slot named `tone` or `cta_type` wins over the guess.
 */
export function variantFeaturesOf(s: StoredSlotValues, r: RenderedParts): Variant {
  const text =
    typeof r.text === "string"
      ? r.text
      : Object.values(s)
          .flat()
          .filter((v): v is string => typeof v === "string")
          .join(" ");
  const words = text.split(/\s+/).filter(Boolean).length;
  const tone =
    typeof s.tone === "string"
      ? s.tone
      : /\b(now|today|hurry|last chance|ends|only)\b|!/i.test(text)
        ? "urgent"
        : "warm";
  const ctaType =
    typeof s.cta_type === "string"
      ? s.cta_type
      : /\b(buy|shop|order)\b/i.test(text)
        ? "buy"
        : /\b(sign ?up|join|subscribe|register)\b/i.test(text)
          ? "signup"
          : /\b(contact|call us|email us)\b/i.test(text)
            ? "contact"
            : "learn";
  return {
    tone,
    lengthWords: words,
    hasOffer: /\d+\s*%|\b(offer|save|free|discount|deal|sale)\b/i.test(text),
    ctaType,
  };
}

/** Unknown fields encode to each field's "other"/"missing" slot. */
export function audienceWithDefaults(partial: Partial<Audience>): Audience {
  return {
    segment: partial.segment ?? "",
    locale: partial.locale ?? "",
    device: partial.device ?? "",
    channel: partial.channel ?? "web",
    daysSinceLastVisit: partial.daysSinceLastVisit ?? null,
    visits30d: partial.visits30d ?? 0,
  };
}
