import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { apiKeyView, type ApiKeyView } from "./api-key-view";

export const listApiKeysInput = z.object({ brandId: z.string().uuid() });

/** Every key of the brand, newest first, revoked ones included (they explain old traffic). */
export async function listApiKeys(
  principal: Principal | null,
  raw: z.input<typeof listApiKeysInput>,
): Promise<ApiKeyView[]> {
  const input = parseOrThrow(listApiKeysInput, raw);
  authorize(principal, "api-keys:manage", input.brandId);
  return readApiKeys(input.brandId);
}

/** The brand's keys for a caller already authorized (a person or a `keys:write` key). */
export async function readApiKeys(brandId: string): Promise<ApiKeyView[]> {
  const input = { brandId };
  const rows = await db()
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.brandId, input.brandId))
    .orderBy(desc(apiKeys.createdAt));
  const now = new Date();
  return rows.map((r) => apiKeyView(r, now));
}
