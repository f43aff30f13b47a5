"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeDriftAlert, acknowledgeDriftAlertInput } from "@/lib/drift/acknowledge-drift-alert";
import { withSessionAction } from "../../../_auth/with-session";

/** Admin-only: lib/drift authorizes `models:manage` on the brand in the input, and audits. */
export const acknowledgeDriftAlertAction = withSessionAction(
  acknowledgeDriftAlertInput,
  async (session, input) => {
    const done = await acknowledgeDriftAlert(session, input);
    revalidatePath("/", "layout");
    return { alertId: done.alertId };
  },
);
