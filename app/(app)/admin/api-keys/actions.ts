"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, createApiKeyInput } from "@/lib/api-keys/create-api-key";
import { revokeApiKey, revokeApiKeyInput } from "@/lib/api-keys/revoke-api-key";
import { rotateApiKey, rotateApiKeyInput } from "@/lib/api-keys/rotate-api-key";
import { withSessionAction } from "../../../_auth/with-session";

/**
 * Admin-only: lib/api-keys authorizes `api-keys:manage` on the brand in the input. The
 * plaintext goes back to the admin's browser once and is never stored or logged.
 */
export const createKeyAction = withSessionAction(createApiKeyInput, async (session, input) => {
  const created = await createApiKey(session, input);
  revalidatePath("/admin/api-keys");
  return { plaintext: created.plaintext, prefix: created.key.prefix, name: created.key.name };
});

export const revokeKeyAction = withSessionAction(revokeApiKeyInput, async (session, input) => {
  const key = await revokeApiKey(session, input);
  revalidatePath("/admin/api-keys");
  return { prefix: key.prefix };
});

export const rotateKeyAction = withSessionAction(rotateApiKeyInput, async (session, input) => {
  const rotated = await rotateApiKey(session, input);
  revalidatePath("/admin/api-keys");
  return {
    plaintext: rotated.plaintext,
    prefix: rotated.key.prefix,
    name: rotated.key.name,
    oldPrefix: rotated.previous.prefix,
    oldStopsAt: rotated.previous.revokedAt?.toISOString() ?? null,
  };
});
