import { eq } from "drizzle-orm";
import { brands } from "@/db/schema";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import {
  createApiKeyInput,
  insertApiKey,
  type CreateApiKeyInput,
  type CreatedApiKey,
} from "./create-api-key";

/**
 * A key made by an operator's command (`npm run keys -- create`): whoever can run commands
 * against the database is already trusted with it, so no session is asked for; the audit log
 * says a system actor made it, and why.
 */
export async function createOperatorKey(
  raw: Omit<CreateApiKeyInput, "brandId"> & { brandSlug: string },
): Promise<CreatedApiKey & { brandId: string }> {
  const { brandSlug, ...rest } = raw;
  const [brand] = await db().select({ id: brands.id }).from(brands).where(eq(brands.slug, brandSlug));
  if (!brand) throw new AppError("not_found", `No brand with the slug "${brandSlug}"`, { path: "brand" });
  const input = parseOrThrow(createApiKeyInput, { ...rest, brandId: brand.id });
  const created = await insertApiKey(input, {
    createdBy: null,
    actor: { kind: "system", reason: "operator command: keys create" },
  });
  return { ...created, brandId: brand.id };
}
