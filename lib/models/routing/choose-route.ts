import { assignVariant } from "@/lib/stats/assign";

export interface RoutePolicy {
  mode: "stable" | "split" | "shadow";
  /** Percent (0–100) of units on the candidate in split mode. */
  candidateWeight: number;
  salt: string;
}

export interface Route {
  primaryVersionId: string;
  /** Answers when the primary fails: stable, unless stable is the primary. */
  fallbackVersionId?: string;
  /** Called in the background with the same request; its answer is stored, never served. */
  shadowVersionId?: string;
  arm: "stable" | "candidate" | "override";
}

/**
 * Picks the versions for one request. Pure and deterministic: the same unit key under the
 * same policy always lands on the same version, in this process or any other.
 */
export function chooseRoute(input: {
  policy: RoutePolicy;
  stableVersionId: string;
  candidateVersionId?: string | null;
  unitKey: string;
  overrideVersionId?: string | null;
}): Route {
  const {
    policy,
    stableVersionId: stable,
    candidateVersionId: candidate,
    unitKey,
    overrideVersionId,
  } = input;
  const fallback = (primary: string) => (primary === stable ? undefined : stable);
  if (overrideVersionId)
    return {
      primaryVersionId: overrideVersionId,
      fallbackVersionId: fallback(overrideVersionId),
      arm: "override",
    };
  if (!candidate || candidate === stable || policy.mode === "stable")
    return { primaryVersionId: stable, arm: "stable" };
  if (policy.mode === "shadow")
    return { primaryVersionId: stable, shadowVersionId: candidate, arm: "stable" };
  const weight = Math.min(100, Math.max(0, policy.candidateWeight));
  const chosen = assignVariant({
    salt: policy.salt,
    unitKey,
    arms: [
      { id: stable, weight: 100 - weight },
      { id: candidate, weight },
    ],
  });
  return chosen === candidate
    ? { primaryVersionId: candidate, fallbackVersionId: stable, arm: "candidate" }
    : { primaryVersionId: stable, arm: "stable" };
}
