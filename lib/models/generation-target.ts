import type { VersionPrices } from "./cost";
import type { ModelProvider } from "./providers/types";
import type { ResiliencePolicy } from "./resilience/policy";

/** A generation version ready to call: its provider client and its resilience policy. */
export interface GenerationTarget {
  versionId: string;
  provider: ModelProvider;
  policy: ResiliencePolicy;
  /** What its tokens cost; absent or null prices cost 0. */
  prices?: VersionPrices;
}

/** Finds a brand's generation version; throws `not_found` for another brand's or a personalisation version. */
export type TargetResolver = (brandId: string, versionId: string) => Promise<GenerationTarget>;
