import type { ModelProvider as ProviderKind } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { jsonPoster } from "@/lib/http/post-json";
import { publicFetch } from "@/lib/http/public-fetch";
import type { GenerationParameters } from "../registry/generation-parameters";
import { openAICompatibleProvider } from "./openai-compatible";
import type { ModelProvider } from "./types";

export interface ProviderConfig {
  provider: ProviderKind;
  baseUrl: string | null;
  modelName: string;
  apiKey: string | null;
  parameters: GenerationParameters;
  sdkTimeoutMs: number;
}

/**
 * A base URL on a version was typed in by an admin: it may only reach public addresses
 * (MODEL_ALLOW_PRIVATE_BASE_URLS aside), through no redirect. MODEL_BASE_URL is the
 * operator's own setting and is trusted.
 */
const allowPrivate = () => getEnv().MODEL_ALLOW_PRIVATE_BASE_URLS;
const adminSet = { fetch: publicFetch(allowPrivate), post: jsonPoster(allowPrivate) };

/**
 * The provider registry: every kind a version may name maps to one implementation of
 * ModelProvider. `builtin` is the same protocol, pointed at MODEL_BASE_URL unless the
 * version names another address.
 */
const PROVIDERS: Record<ProviderKind, (config: ProviderConfig) => ModelProvider> = {
  "openai-compatible": (c) => openAICompatibleProvider({ ...c, baseUrl: c.baseUrl!, ...adminSet }),
  builtin: (c) =>
    c.baseUrl
      ? openAICompatibleProvider({ ...c, baseUrl: c.baseUrl, ...adminSet })
      : openAICompatibleProvider({ ...c, baseUrl: getEnv().MODEL_BASE_URL }),
};

export function createProvider(config: ProviderConfig): ModelProvider {
  return PROVIDERS[config.provider](config);
}
