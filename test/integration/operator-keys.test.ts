/**
 * `npm run keys -- create` (scripts/keys.ts) makes its key through createOperatorKey: a key
 * for the brand named by its slug, with the scopes and default channel asked for, usable at
 * once, and audited as the system acting on an operator's command.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEntries } from "@/db/schema";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { createOperatorKey } from "@/lib/api-keys/create-operator-key";
import { db } from "@/lib/db";
import { createBrand } from "@/test/factories";

describe("createOperatorKey", () => {
  it("makes a working key for the brand's slug, with its scopes and default channel, audited as the system", async () => {
    const brand = await createBrand();
    const created = await createOperatorKey({
      brandSlug: brand.slug,
      name: "ops",
      scopes: ["generate", "content:read"],
      chatEnabled: true,
      defaultChannel: "email",
    });
    expect(created.brandId).toBe(brand.id);
    const principal = await authenticateKey(created.plaintext);
    expect(principal).toMatchObject({
      brandId: brand.id,
      scopes: ["generate", "content:read"],
      chatEnabled: true,
      defaultChannel: "email",
    });
    const [entry] = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.targetId, created.key.id), eq(auditEntries.action, "api_key.created")));
    expect(entry?.actor).toEqual({ kind: "system", reason: "operator command: keys create" });
  });

  it("refuses an unknown brand slug or an unknown scope, creating nothing", async () => {
    await expect(
      createOperatorKey({ brandSlug: "no-such-brand", name: "x", scopes: ["generate"] }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const brand = await createBrand();
    await expect(
      createOperatorKey({ brandSlug: brand.slug, name: "x", scopes: ["root" as "generate"] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
