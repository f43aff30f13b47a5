import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { API_KEY_SCOPES } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createApiKeyFor } from "@/lib/api-keys/create-api-key-for";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { listApiKeysFor, revokeApiKeyFor } from "@/lib/api-keys/manage-keys-for";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { ApiKeyPrincipal, Principal } from "@/lib/auth/principal";
import { channelSchema } from "@/lib/brand/kit";
import { callerBrand } from "./caller-brand";

const keyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe("The visible start of the key, to tell keys apart"),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  chat_enabled: z.boolean(),
  default_channel: z
    .string()
    .nullable()
    .describe("The chat lane's channel when a call sends no x-brandgate-channel"),
  rate_limit_per_minute: z.number().int(),
  monthly_generation_quota: z.number().int(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  created_at: z.string(),
  status: z.enum(["active", "rotating", "revoked", "expired"]),
});

const toView = (k: ApiKeyView): z.infer<typeof keyView> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  chat_enabled: k.chatEnabled,
  default_channel: k.defaultChannel,
  rate_limit_per_minute: k.rateLimitPerMinute,
  monthly_generation_quota: k.monthlyGenerationQuota,
  expires_at: k.expiresAt?.toISOString() ?? null,
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  created_at: k.createdAt.toISOString(),
  status: k.status,
});

const createBody = z.object({
  name: z.string().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
  chat_enabled: z.boolean().optional(),
  default_channel: channelSchema.nullable().optional(),
  rate_limit_per_minute: z.number().int().min(1).max(100_000).optional(),
  monthly_generation_quota: z.number().int().min(0).max(100_000_000).optional(),
  expires_at: z.string().datetime({ offset: true }).nullable().optional(),
});

const scope = "Needs an API key with the `keys:write` scope (or an admin's session).";
const common = {
  config: { auth: { scope: "keys:write" as const } },
  tags: ["keys"],
  security: [{ apiKey: [] }],
};

/** The caller as lib's key functions or session functions take it. */
type KeysCaller =
  { kind: "key"; principal: ApiKeyPrincipal } | { kind: "session"; session: Principal | null };
// brandId is the caller's brand (callerBrand), which the lib functions authorize against.
const caller = (req: FastifyRequest, _brandId: string): KeysCaller =>
  req.principal?.kind === "api-key"
    ? { kind: "key", principal: req.principal }
    : { kind: "session", session: req.principal ?? null };

/** The brand's API keys, managed over the API: the created key is shown once. */
export async function registerKeyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/api/v1/keys",
    {
      config: common.config,
      schema: {
        summary: "Create an API key",
        description: `${scope} The key itself is in the answer once and never again. A key can never create a key with a scope, chat access, rate limit or quota beyond its own.`,
        tags: common.tags,
        security: common.security,
        body: createBody,
        response: {
          201: keyView.extend({ key: z.string().describe("The key: shown once, store it now") }),
        },
      },
    },
    async (req, reply) => {
      const brandId = callerBrand(req);
      const b = req.body;
      const input = {
        brandId,
        name: b.name,
        scopes: b.scopes,
        chatEnabled: b.chat_enabled,
        defaultChannel: b.default_channel ?? null,
        rateLimitPerMinute: b.rate_limit_per_minute,
        monthlyGenerationQuota: b.monthly_generation_quota,
        expiresAt: b.expires_at ? new Date(b.expires_at) : null,
      };
      const c = caller(req, brandId);
      const created =
        c.kind === "key" ? await createApiKeyFor(c.principal, input) : await createApiKey(c.session, input);
      return reply.code(201).send({ ...toView(created.key), key: created.plaintext });
    },
  );

  api.get(
    "/api/v1/keys",
    {
      config: common.config,
      schema: {
        summary: "List the brand's API keys",
        description: `${scope} Newest first, revoked ones included; never a key itself.`,
        tags: common.tags,
        security: common.security,
        response: { 200: z.object({ data: z.array(keyView) }) },
      },
    },
    async (req) => {
      const brandId = callerBrand(req);
      const c = caller(req, brandId);
      const keys =
        c.kind === "key"
          ? await listApiKeysFor(c.principal, { brandId })
          : await listApiKeys(c.session, { brandId });
      return { data: keys.map(toView) };
    },
  );

  api.delete(
    "/api/v1/keys/:id",
    {
      config: common.config,
      schema: {
        summary: "Revoke an API key",
        description: `${scope} The key stops working at its next request, on every instance. Revoking a revoked key changes nothing.`,
        tags: common.tags,
        security: common.security,
        params: z.object({ id: z.string().uuid() }),
        response: { 200: keyView },
      },
    },
    async (req) => {
      const brandId = callerBrand(req);
      const c = caller(req, brandId);
      const input = { brandId, keyId: req.params.id };
      const key =
        c.kind === "key" ? await revokeApiKeyFor(c.principal, input) : await revokeApiKey(c.session, input);
      return toView(key);
    },
  );
}
