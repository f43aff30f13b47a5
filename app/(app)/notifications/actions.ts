"use server";

import { revalidatePath } from "next/cache";
import {
  markNotificationsRead,
  markNotificationsReadInput,
} from "@/lib/notifications/mark-notifications-read";
import { withSessionAction } from "../../_auth/with-session";

// lib marks only the signed-in person's own notifications.
export const markReadAction = withSessionAction(markNotificationsReadInput, async (session, input) => {
  const result = await markNotificationsRead(session, input);
  // The bell's badge is in the layout.
  revalidatePath("/", "layout");
  return result;
});
