/**
 * The soak's brand: the demo kit published, `items` social posts approved through a one-stage
 * review, placements of four of them each, the demo models, the chat lane open with nothing
 * sampled for review, and an API key with every scope, chat on and limits the soak never meets.
 */
import { API_KEY_SCOPES, brandChatSettings, placements, placementVariants } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { decide } from "@/lib/review/decide";
import { reviewFixture, sessionFor, SIGN_OFF } from "@/lib/review/testing/review-fixture";

export async function seedSoakBrand(o: { items: number; placementKeys: string[] }) {
  const f = await reviewFixture(SIGN_OFF);
  const brandId = f.brandId;
  const author = await sessionFor(brandId, "marketer");
  const reviewer = await sessionFor(brandId, "reviewer");
  const itemIds: string[] = [];
  // Approved through the review path, as anything served is.
  for (let i = 0; i < o.items; i++) {
    const item = await f.createItem({ author });
    await decide(reviewer, {
      brandId,
      contentItemId: item.id,
      revisionId: item.revisionId,
      stageIndex: 0,
      decision: "approve",
    });
    itemIds.push(item.id);
  }
  const variantsOf = new Map<string, string[]>();
  for (const [p, key] of o.placementKeys.entries()) {
    const [placement] = await db().insert(placements).values({ brandId, key }).returning();
    const variants = itemIds.slice((p * 4) % o.items, ((p * 4) % o.items) + 4);
    variantsOf.set(key, variants);
    await db()
      .insert(placementVariants)
      .values(variants.map((contentItemId) => ({ placementId: placement!.id, contentItemId })));
  }
  await seedDemoModels(db(), brandId);
  await db().insert(brandChatSettings).values({ brandId, enabled: true, reviewSampleRate: 0 });
  const { plaintext } = await createApiKey(f.admin, {
    brandId,
    name: "soak",
    scopes: [...API_KEY_SCOPES],
    chatEnabled: true,
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000_000,
  });
  return { brandId, itemIds, variantsOf, key: plaintext };
}
