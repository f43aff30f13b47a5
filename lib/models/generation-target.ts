import type { ModelLabels } from "@/lib/metrics/models";
import type { VersionPrices } from "./cost";
import type { ModelProvider } from "./providers/types";
import type { ResiliencePolicy } from "./resilience/policy";

/** A generation version ready to call: its provider client and its resilience policy. */
export interface GenerationTarget {
  versionId: string;
  /** The version's names for metrics (brand and model slugs, version tag): ids are no labels. */
  labels: ModelLabels;
  provider: ModelProvider;
  policy: ResiliencePolicy;
  /** The upstream model and provider kind, for traces (GenAI attributes); absent in test doubles. */
  model?: { name: string; provider: string };
  /** What its tokens cost; absent or null prices cost 0. */
  prices?: VersionPrices;
}

/** Finds a brand's generation version; throws `not_found` for another brand's or a personalisation version. */
export type TargetResolver = (brandId: string, versionId: string) => Promise<GenerationTarget>;
