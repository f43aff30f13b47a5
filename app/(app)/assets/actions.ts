"use server";

import { revalidatePath } from "next/cache";
import { applyCopyFix, applyCopyFixInput } from "@/lib/brand/assets/apply-copy-fix";
import { withSessionAction } from "../../_auth/with-session";

export const applyFix = withSessionAction(applyCopyFixInput, async (session, input) => {
  const { asset, check } = await applyCopyFix(session, input);
  revalidatePath("/assets");
  return { assetId: asset.id, score: check?.score ?? null };
});
