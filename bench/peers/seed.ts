/**
 * The state Brandgate's governed chat needs, written once through lib: a brand with the demo
 * kit published, the demo model (v1 stable, v2 candidate) under a 10% split so rollout
 * routing assigns every call, the chat lane open with nothing sampled for review, and one API
 * key with chat enabled.
 */
import { API_KEY_SCOPES, brandChatSettings, modelRoutes } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { DEMO_MODEL_NAME, seedDemoModels } from "@/lib/models/seed-demo-models";
import { createBrand, createUser, signedIn } from "@/test/factories";

export interface BenchSeed {
  brandId: string;
  apiKey: string;
  modelName: string;
}

export async function seedBench(): Promise<BenchSeed> {
  const brandId = (await createBrand("Peer bench")).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  const { modelId } = await seedDemoModels(db(), brandId);
  await db().insert(modelRoutes).values({ modelId, mode: "split", candidateWeight: 10, salt: "peer-bench" });
  await db().insert(brandChatSettings).values({ brandId, enabled: true, reviewSampleRate: 0 });
  const key = await createApiKey(admin, {
    brandId,
    name: "peer bench",
    scopes: [...API_KEY_SCOPES],
    chatEnabled: true,
    rateLimitPerMinute: 100_000,
    monthlyGenerationQuota: 100_000_000,
  });
  return { brandId, apiKey: key.plaintext, modelName: DEMO_MODEL_NAME };
}
