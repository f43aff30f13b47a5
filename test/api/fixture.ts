/**
 * A listening API (buildApi().listen on 127.0.0.1:0) over the run's real database, with an
 * instant OpenAI-compatible upstream on loopback, a brand with a published kit and the demo
 * models, the chat lane open for both brands, and API keys: one holding every scope (chat
 * on), one with `checks` only, one of another brand, and one limited to one request a minute.
 * It also holds a finished generation, and a webhook subscription with a dead delivery (plus a
 * spare subscription for deletes). With `{ jobs: true }` queued generations run in this process.
 */
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import {
  API_KEY_SCOPES,
  brandChatSettings,
  contentItems,
  contentRevisions,
  placements,
  placementVariants,
  webhookDeliveries,
} from "@/db/schema";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { createApiKey, type CreateApiKeyInput } from "@/lib/api-keys/create-api-key";
import { principalRefOf, type UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { dropQueuedGenerations } from "@/test/drop-queued-generations";
import { resetEnvCache } from "@/lib/env";
import { createGeneration } from "@/lib/generation/create-generation";
import { runGeneration } from "@/lib/generation/run-generation";
import { stopSender } from "@/lib/jobs/send-job";
import { startFaultyUpstream, type Behaviour, type Hit } from "@/lib/models/testing/faulty-upstream";
import { DEMO_MODEL_NAME, seedDemoModels } from "@/lib/models/seed-demo-models";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createWebhookSubscription } from "@/lib/webhooks/create-webhook-subscription";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { startJobWorker } from "@/test/job-worker";
import { createBrandgateClient, type BrandgateClient } from "@/client/index";

/** Copy the demo kit's output checks pass for every channel. */
export const SAFE_COPY = "Our new rain jacket keeps weekend hikers dry on every trail.";
/** A public address literal: passes the SSRF guard without DNS, and is never called (no delivery worker). */
export const WEBHOOK_URL = "https://93.184.215.14/brandgate-hook";

export interface ApiFixture {
  app: FastifyInstance;
  baseUrl: string;
  brandId: string;
  otherBrandId: string;
  admin: UserPrincipal;
  modelName: string;
  /** An approved (published) content item of `brandId`, and a placement serving it. */
  publishedContentId: string;
  placementKey: string;
  /** The approved social template version generations use. */
  templateVersionId: string;
  /** A succeeded generation of `brandId`, made by the `all` key. */
  finishedGenerationId: string;
  webhookSubscriptionId: string;
  /** A dead delivery of that subscription: redeliverable once. */
  webhookDeliveryId: string;
  /** Subscriptions nothing else uses, for deletes. */
  spareWebhookIds: string[];
  keys: { all: string; checksOnly: string; otherBrand: string; oneAMinute: string; noChat: string };
  client: (apiKey?: string, headers?: Record<string, string>) => BrandgateClient;
  /** From now on the upstream behaves like this (SAFE_COPY, instantly, unless changed). */
  setUpstream: (behaviour: Behaviour) => void;
  upstreamHits: Hit[];
  close: () => Promise<void>;
}

export async function startApiFixture(
  options: { jobs?: boolean; jobConcurrency?: number } = {},
): Promise<ApiFixture> {
  const script: Behaviour[] = [{ kind: "ok", text: SAFE_COPY, json: JSON.stringify({ post: SAFE_COPY }) }];
  const upstream = await startFaultyUpstream(script);
  process.env.MODEL_BASE_URL = upstream.baseUrl;
  resetEnvCache();
  const app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;

  const brandId = (await createBrand()).id;
  const otherBrandId = (await createBrand("Other")).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const otherAdmin = (await (await signedIn((await createUser(otherBrandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  await seedDemoModels(db(), brandId);
  // Both brands open the chat lane to their keys; nothing is sampled for review unless a test says so.
  await db()
    .insert(brandChatSettings)
    .values([brandId, otherBrandId].map((id) => ({ brandId: id, enabled: true, reviewSampleRate: 0 })));

  // One published item and a placement serving it, written directly: the review path has
  // its own tests; here the API needs something approved to serve.
  await seedStarterTemplates(db(), brandId, admin.user.id);
  const social = (await listTemplates(admin, brandId)).find((t) => t.template.channel === "social")!;
  const [item] = await db()
    .insert(contentItems)
    .values({
      brandId,
      templateId: social.template.id,
      channel: "social",
      title: "Published for the API fixture",
      status: "approved",
      publishedAt: new Date(),
    })
    .returning();
  const [revision] = await db()
    .insert(contentRevisions)
    .values({
      contentItemId: item!.id,
      number: 1,
      slots: { post: SAFE_COPY },
      rendered: { text: SAFE_COPY },
      kitVersionId: kit.id,
      templateVersionId: social.versions[0]!.versionId,
      checkResults: {},
      score: 100,
      blocked: false,
      legalReview: false,
      contentHash: "f".repeat(64),
    })
    .returning();
  await db()
    .update(contentItems)
    .set({ currentRevisionId: revision!.id })
    .where(eq(contentItems.id, item!.id));
  const [placement] = await db().insert(placements).values({ brandId, key: "home-hero" }).returning();
  await db().insert(placementVariants).values({ placementId: placement!.id, contentItemId: item!.id });

  const key = async (session: UserPrincipal, input: Partial<CreateApiKeyInput>) =>
    (
      await createApiKey(session, {
        brandId: session === admin ? brandId : otherBrandId,
        name: "api fixture",
        scopes: [...API_KEY_SCOPES],
        rateLimitPerMinute: 100_000,
        monthlyGenerationQuota: 100_000_000,
        // The chat lane has no default of its own: the fixture's keys answer for social.
        defaultChannel: "social",
        ...input,
      })
    ).plaintext;
  const keys = {
    all: await key(admin, { chatEnabled: true }),
    noChat: await key(admin, { chatEnabled: false }),
    checksOnly: await key(admin, { scopes: ["checks"] }),
    otherBrand: await key(otherAdmin, { chatEnabled: true }),
    oneAMinute: await key(admin, { rateLimitPerMinute: 1 }),
  };

  const keyPrincipal = (await authenticateKey(keys.all))!;
  const templateVersionId = social.versions[0]!.versionId;
  const generation = await createGeneration(keyPrincipal, {
    brandId,
    templateVersionId,
    brief: { summary: "Rain jackets" },
  });
  await runGeneration({ actor: principalRefOf(keyPrincipal, brandId), generationId: generation.id });

  const subscribe = () =>
    createWebhookSubscription(admin, { brandId, url: WEBHOOK_URL, eventTypes: ["content.approved"] });
  const subscription = await subscribe();
  const spareWebhookIds = [(await subscribe()).id, (await subscribe()).id];
  await emitWebhookEvent(db(), { brandId, type: "content.approved", data: { contentId: item!.id } });
  const [dead] = await db()
    .update(webhookDeliveries)
    .set({ status: "dead", attempts: 8, lastError: "fixture" })
    .where(eq(webhookDeliveries.subscriptionId, subscription.id))
    .returning({ id: webhookDeliveries.id });
  const webhookDeliveryId = dead!.id;

  const worker = options.jobs
    ? await startJobWorker(["runGeneration"], { concurrency: options.jobConcurrency })
    : null;
  return {
    app,
    baseUrl,
    brandId,
    otherBrandId,
    admin,
    modelName: DEMO_MODEL_NAME,
    publishedContentId: item!.id,
    placementKey: placement!.key,
    templateVersionId,
    finishedGenerationId: generation.id,
    webhookSubscriptionId: subscription.id,
    webhookDeliveryId,
    spareWebhookIds,
    keys,
    client: (apiKey, headers) => createBrandgateClient({ baseUrl, apiKey, headers }),
    setUpstream: (behaviour) => void script.splice(0, script.length, behaviour),
    upstreamHits: upstream.hits,
    close: async () => {
      await worker?.stop();
      await stopSender();
      // The fuzzer and the contract cases queue generations nothing here runs (a later file's
      // worker once waited a minute behind them).
      await dropQueuedGenerations([brandId, otherBrandId]);
      await app.close();
      await upstream.close();
    },
  };
}
