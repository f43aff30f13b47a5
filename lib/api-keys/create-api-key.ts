import { randomUUID } from "node:crypto";
import { z } from "zod";
import { API_KEY_SCOPES, apiKeys } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { ActorRecord, Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { apiKeyView, type ApiKeyView } from "./api-key-view";
import { generateKeyMaterial } from "./key-material";

export const createApiKeyInput = z.object({
  brandId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Pick at least one scope").max(API_KEY_SCOPES.length),
  chatEnabled: z.boolean().default(false),
  /** The chat lane's channel for calls that name none; the edges check it is a known channel. */
  defaultChannel: z.string().trim().min(1).max(100).nullable().default(null),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  monthlyGenerationQuota: z.number().int().min(0).max(100_000_000).default(10_000),
  expiresAt: z.coerce
    .date()
    .refine((d) => d.getTime() > Date.now(), "The expiry must be in the future")
    .nullable()
    .default(null),
});

export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export interface CreatedApiKey {
  key: ApiKeyView;
  /** Shown once; only its SHA-256 is stored. */
  plaintext: string;
}

export async function createApiKey(
  principal: Principal | null,
  raw: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const input = parseOrThrow(createApiKeyInput, raw);
  authorize(principal, "api-keys:manage", input.brandId);
  return insertApiKey(input, { createdBy: principal.user.id, actor: principal });
}

/** Stores a key already authorized by its caller (a person, a key, an operator command). */
export async function insertApiKey(
  input: z.output<typeof createApiKeyInput>,
  by: { createdBy: string | null; actor: Principal | ActorRecord },
): Promise<CreatedApiKey> {
  const material = generateKeyMaterial();
  const id = randomUUID();
  const row = await db().transaction(async (tx) => {
    const [inserted] = await tx
      .insert(apiKeys)
      .values({
        ...input,
        id,
        lineageId: id,
        scopes: [...new Set(input.scopes)],
        prefix: material.prefix,
        hash: material.hash,
        createdBy: by.createdBy,
      })
      .returning();
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: by.actor,
      action: "api_key.created",
      target: { type: "api_key", id: inserted!.id },
      data: { name: input.name, prefix: material.prefix, scopes: inserted!.scopes },
    });
    return inserted!;
  });
  return { key: apiKeyView(row), plaintext: material.plaintext };
}
