"use server";

import { revalidatePath } from "next/cache";
import { retryDeadJobs, retryDeadJobsInput } from "@/lib/jobs/retry-dead-jobs";
import { withSessionAction } from "../../../_auth/with-session";

/** Admin-only: lib/jobs authorizes `jobs:manage` on the brand in the input. */
export const retryJobs = withSessionAction(retryDeadJobsInput, async (session, input) => {
  const result = await retryDeadJobs(session, input);
  revalidatePath("/admin/jobs");
  return result;
});
