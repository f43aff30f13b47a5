import { AppError, parseOrThrow } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";
import { authorizeKey } from "./authorize-key";
import {
  createApiKeyInput,
  insertApiKey,
  type CreateApiKeyInput,
  type CreatedApiKey,
} from "./create-api-key";

/**
 * A key made by a key (`POST /api/v1/keys`): the caller needs `keys:write` in the brand, and
 * can never hand out more than it holds — no scope it lacks, no chat if it has none, no larger
 * rate limit or quota — so a leaked `keys:write` key cannot mint a stronger one.
 */
export async function createApiKeyFor(
  principal: ApiKeyPrincipal,
  raw: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  // Unstated limits default to the caller's own where the usual default would exceed them.
  const input = parseOrThrow(createApiKeyInput, {
    ...raw,
    rateLimitPerMinute: raw.rateLimitPerMinute ?? Math.min(600, principal.rateLimitPerMinute),
    monthlyGenerationQuota: raw.monthlyGenerationQuota ?? Math.min(10_000, principal.monthlyGenerationQuota),
  });
  authorizeKey(principal, { scope: "keys:write", brandId: input.brandId });
  const missing = input.scopes.filter((s) => !principal.scopes.includes(s));
  if (missing.length > 0)
    throw new AppError(
      "forbidden",
      `A key cannot create a key with scopes it lacks itself: ${missing.join(", ")}`,
      {
        path: "scopes",
        missing,
      },
    );
  if (input.chatEnabled && !principal.chatEnabled)
    throw new AppError("forbidden", "A key that is not enabled for chat cannot create one that is", {
      path: "chatEnabled",
    });
  if (input.rateLimitPerMinute > principal.rateLimitPerMinute)
    throw new AppError("forbidden", "A key cannot create a key with a higher rate limit than its own", {
      path: "rateLimitPerMinute",
      max: principal.rateLimitPerMinute,
    });
  if (input.monthlyGenerationQuota > principal.monthlyGenerationQuota)
    throw new AppError("forbidden", "A key cannot create a key with a larger monthly quota than its own", {
      path: "monthlyGenerationQuota",
      max: principal.monthlyGenerationQuota,
    });
  return insertApiKey(input, {
    createdBy: null,
    actor: principal,
  });
}
