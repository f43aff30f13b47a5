"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { publishKitVersion, publishKitVersionInput } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { withSessionAction } from "../../_auth/with-session";

/** The editor sends the kit as parsed JSON; lib validates it against the kit schema. */
export const saveKit = withSessionAction(
  z.object({
    brandId: z.string().uuid(),
    baseVersion: z.number().int().nullable(),
    content: z.unknown(),
    note: z.string().max(500).default(""),
  }),
  async (session, input) => {
    const row = await saveKitVersion(session, input as Parameters<typeof saveKitVersion>[1]);
    revalidatePath("/brand");
    return { versionId: row.id, version: row.version };
  },
);

export const publishKit = withSessionAction(publishKitVersionInput, async (session, input) => {
  const version = await publishKitVersion(session, input);
  revalidatePath("/brand");
  return version;
});
