import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { loadEvaluationSet, type EvaluationSet } from "./load-evaluation-set";

/** The set a new version of this brand's models would be evaluated on now. */
export async function listEvaluationBriefs(session: Session | null, brandId: string): Promise<EvaluationSet> {
  authorize(session, "models:manage", brandId);
  return loadEvaluationSet(brandId);
}
