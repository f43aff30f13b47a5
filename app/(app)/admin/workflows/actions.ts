"use server";

import { revalidatePath } from "next/cache";
import { saveWorkflow, saveWorkflowInput } from "@/lib/review/save-workflow";
import { withSessionAction } from "../../../_auth/with-session";

/** lib authorizes (workflows:manage) and audits the new version. */
export const saveWorkflowAction = withSessionAction(saveWorkflowInput, async (session, input) => {
  const row = await saveWorkflow(session, input);
  revalidatePath("/admin/workflows");
  return { id: row.id, version: row.version };
});
