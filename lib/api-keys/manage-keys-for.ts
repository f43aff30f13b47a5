import type { z } from "zod";
import { parseOrThrow } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { authorizeKey } from "./authorize-key";
import type { ApiKeyView } from "./api-key-view";
import { listApiKeysInput, readApiKeys } from "./list-api-keys";
import { revokeApiKeyInput, stopApiKey } from "./revoke-api-key";

/** The brand's keys, for a key with `keys:write` in that brand. */
export async function listApiKeysFor(
  principal: ApiKeyPrincipal,
  raw: z.input<typeof listApiKeysInput>,
): Promise<ApiKeyView[]> {
  const input = parseOrThrow(listApiKeysInput, raw);
  authorizeKey(principal, { scope: "keys:write", brandId: input.brandId });
  return readApiKeys(input.brandId);
}

/** Revokes one of the brand's keys (itself included), for a key with `keys:write` there. */
export async function revokeApiKeyFor(
  principal: ApiKeyPrincipal,
  raw: z.input<typeof revokeApiKeyInput>,
): Promise<ApiKeyView> {
  const input = parseOrThrow(revokeApiKeyInput, raw);
  authorizeKey(principal, { scope: "keys:write", brandId: input.brandId });
  return stopApiKey(input, principal);
}
