/**
 * Exploration for variants that no personalisation model scores yet.
 *
 * Policy (Bernoulli Thompson sampling): each variant's conversion rate gets a uniform
 * Beta(1, 1) prior, updated by its observed outcomes to Beta(1 + successes, 1 + failures).
 * Per decision we draw one rate from each posterior and show the variant with the highest
 * draw. So a variant is shown with the probability that it is the best one given the
 * evidence: new variants (wide posteriors) get tried, clearly worse ones fade out without
 * a hand-tuned epsilon, and traffic concentrates on the best as the counts grow.
 *
 * Counts should be one audience's (segment's) counts when there are enough of them, as
 * pooled counts cannot express "A prefers short, B prefers long".
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Rng } from "@/lib/stats/create-rng";
import { sampleBeta } from "./sample-beta";

export const armOutcomesSchema = z.object({
  id: z.string().min(1),
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
});

export type ArmOutcomes = z.infer<typeof armOutcomesSchema>;

export interface ChooseThompsonOptions {
  arms: readonly ArmOutcomes[];
  /** Pass a seeded RNG to make the decision replayable (see create-rng.ts). */
  rng: Rng;
}

export interface ThompsonChoice {
  id: string;
  /** The posterior draw of every arm, in input order, for logging the decision. */
  draws: number[];
}

export function chooseThompson({ arms, rng }: ChooseThompsonOptions): ThompsonChoice {
  if (arms.length === 0) throw new AppError("validation_failed", "Thompson sampling needs at least one arm");
  const draws = arms.map((arm) => sampleBeta(rng, 1 + arm.successes, 1 + arm.failures));
  let best = 0;
  for (let i = 1; i < draws.length; i++) if (draws[i]! > draws[best]!) best = i;
  return { id: arms[best]!.id, draws };
}
