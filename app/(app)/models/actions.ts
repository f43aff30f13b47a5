"use server";

import { revalidatePath } from "next/cache";
import { addEvaluationBrief, addEvaluationBriefInput } from "@/lib/evaluation/add-evaluation-brief";
import { withSessionAction } from "../../_auth/with-session";

/** lib/evaluation authorizes `models:manage` on the brand and writes the audit entry. */
export const addBrandEvaluationBrief = withSessionAction(addEvaluationBriefInput, async (session, input) => {
  const brief = await addEvaluationBrief(session, input);
  revalidatePath("/models");
  return { id: brief.id };
});
