/**
 * Exposure + outcome events from a known world, for tests, benchmarks and demo data:
 * "bargain" customers prefer short content with an offer, "premium" customers prefer long
 * content without one, everyone else barely cares. A trained model must recover this.
 */
import { createRng } from "@/lib/stats/create-rng";
import { DEFAULT_FEATURE_SCHEMA, type Audience, type Variant } from "./feature-schema";
import type { TrainingEvent } from "./train-logistic";

export interface SyntheticVariant extends Variant {
  id: string;
}

export const SYNTHETIC_VARIANTS: SyntheticVariant[] = [
  { id: "short-offer", tone: "urgent", lengthWords: 30, hasOffer: true, ctaType: "buy" },
  { id: "short-plain", tone: "warm", lengthWords: 30, hasOffer: false, ctaType: "learn" },
  { id: "medium-offer", tone: "playful", lengthWords: 80, hasOffer: true, ctaType: "buy" },
  { id: "medium-plain", tone: "formal", lengthWords: 80, hasOffer: false, ctaType: "learn" },
  { id: "long-offer", tone: "warm", lengthWords: 200, hasOffer: true, ctaType: "signup" },
  { id: "long-plain", tone: "formal", lengthWords: 200, hasOffer: false, ctaType: "learn" },
];

/** The true log-odds of an outcome: what a model should learn. */
export function syntheticLogit(audience: Audience, variant: Variant): number {
  const short = variant.lengthWords < 40;
  const long = variant.lengthWords >= 120;
  let z = -2.5;
  if (audience.segment === "bargain") z += (short ? 2 : long ? -1.5 : 0) + (variant.hasOffer ? 2 : -1);
  else if (audience.segment === "premium") z += (long ? 2 : short ? -1.5 : 0) + (variant.hasOffer ? -1 : 2);
  else z += variant.hasOffer ? 0.3 : 0;
  if (audience.channel === "sms") z -= 0.5;
  if (audience.daysSinceLastVisit !== null && audience.daysSinceLastVisit < 1) z += 0.3;
  return z;
}

export interface GenerateSyntheticEventsOptions {
  customers: number;
  exposuresPerCustomer: number;
  seed: string;
}

export function generateSyntheticEvents({
  customers,
  exposuresPerCustomer,
  seed,
}: GenerateSyntheticEventsOptions): TrainingEvent[] {
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;
  const { audience: spec } = DEFAULT_FEATURE_SCHEMA;
  const segments = ["bargain", "premium", "bargain", "premium", ...spec.segment.values];
  const events: TrainingEvent[] = [];
  for (let c = 0; c < customers; c++) {
    const audience: Audience = {
      segment: pick(segments),
      locale: pick(spec.locale.values),
      device: pick(spec.device.values),
      channel: pick(spec.channel.values),
      daysSinceLastVisit: rng.next() < 0.1 ? null : Math.floor(rng.next() * 60),
      visits30d: Math.floor(rng.next() * 15),
    };
    for (let e = 0; e < exposuresPerCustomer; e++) {
      const { id: _id, ...variant } = pick(SYNTHETIC_VARIANTS);
      const p = 1 / (1 + Math.exp(-syntheticLogit(audience, variant)));
      events.push({ audience, variant, outcome: rng.next() < p ? 1 : 0, unitKey: `customer-${c}` });
    }
  }
  return events;
}
