"use server";

import { revalidatePath } from "next/cache";
import { recordPreference, recordPreferenceInput } from "@/lib/review/blind/record-preference";
import { withSessionAction } from "../../../_auth/with-session";

/**
 * lib/review authorizes `review:act` on the brand, maps A/B to candidate vs stable and writes
 * the audit entry. The answer says nothing of the mapping: the reviewer stays blind.
 */
export const recordPreferenceAction = withSessionAction(recordPreferenceInput, async (session, input) => {
  await recordPreference(session, input);
  revalidatePath("/review/compare");
  return { recorded: true as const };
});
