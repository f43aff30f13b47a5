"use server";

import { revalidatePath } from "next/cache";
import { attachToPlacement, attachToPlacementInput } from "@/lib/placements/attach-to-placement";
import { detachFromPlacement, detachFromPlacementInput } from "@/lib/placements/detach-from-placement";
import { withSessionAction } from "../../../_auth/with-session";

export const attachContent = withSessionAction(attachToPlacementInput, async (session, input) => {
  const result = await attachToPlacement(session, input);
  revalidatePath(`/library/${input.contentItemId}`);
  revalidatePath("/library/placements");
  return result;
});

export const detachContent = withSessionAction(detachFromPlacementInput, async (session, input) => {
  const result = await detachFromPlacement(session, input);
  revalidatePath("/library/placements");
  return result;
});
