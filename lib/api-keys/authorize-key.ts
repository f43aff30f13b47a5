import type { ApiKeyScope } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ApiKeyPrincipal } from "@/lib/auth/principal";

export interface KeyRequirement {
  scope: ApiKeyScope;
  /** The route is the OpenAI-compatible chat endpoint: the key must also be chat-enabled. */
  chat?: boolean;
  /** The brand the request acts on, when the route knows it before calling lib. */
  brandId?: string;
}

/**
 * The key-side twin of `authorize`: 403 when the key lacks the scope, is not chat-enabled
 * for the chat endpoint, or belongs to another brand. Authentication (401) happened before.
 */
export function authorizeKey(principal: ApiKeyPrincipal, need: KeyRequirement): void {
  if (!principal.scopes.includes(need.scope)) {
    throw new AppError("forbidden", `This API key lacks the "${need.scope}" scope`, {
      scope: need.scope,
      keyPrefix: principal.prefix,
    });
  }
  if (need.chat && !principal.chatEnabled) {
    throw new AppError("forbidden", "This API key is not enabled for chat completions", {
      keyPrefix: principal.prefix,
    });
  }
  if (need.brandId !== undefined && need.brandId !== principal.brandId) {
    throw new AppError("forbidden", "This API key belongs to another brand", { brandId: need.brandId });
  }
}
