import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { loadEvaluationSet, type EvaluationSet } from "./load-evaluation-set";

/** The set a new version of this brand's models would be evaluated on now. */
export async function listEvaluationBriefs(
  principal: Principal | null,
  brandId: string,
): Promise<EvaluationSet> {
  authorize(principal, "models:manage", brandId);
  return loadEvaluationSet(brandId);
}
