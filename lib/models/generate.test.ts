/**
 * The whole path the pipeline uses: demo models from the registry, the built-in server over
 * HTTP, structured output, attempts written to generation_attempts.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { generationAttempts } from "@/db/schema";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createBrand } from "@/test/factories";
import { createBuiltinModelServer } from "./builtin/create-builtin-server";
import { flushGenerationAttempts, generate, generateStream } from "./generate";
import { getVersionByLabel } from "./registry/get-version-by-label";
import { seedDemoModels } from "./seed-demo-models";
import { listen } from "@/lib/http/testing/listen";

let close: () => Promise<void>;
beforeAll(async () => {
  const started = await listen(createBuiltinModelServer());
  close = started.close;
  process.env.MODEL_BASE_URL = started.baseUrl;
  resetEnvCache();
});
afterAll(() => close());

const messages = [
  { role: "system" as const, content: "Voice: warm, bold" },
  { role: "user" as const, content: "Launch email for the new trail runners for weekend hikers" },
];
const responseFormat = {
  name: "email",
  schema: z.object({ headline: z.string(), body: z.string(), cta: z.string() }),
};

it("seeds the demo model once, stable on v1 and candidate on v2", async () => {
  const brand = await createBrand();
  const seeded = await seedDemoModels(db(), brand.id);
  expect(seeded.created).toBe(true);
  expect((await seedDemoModels(db(), brand.id)).created).toBe(false);
  const stable = await getVersionByLabel({ brandId: brand.id, modelId: seeded.modelId, label: "stable" });
  const candidate = await getVersionByLabel({
    brandId: brand.id,
    modelId: seeded.modelId,
    label: "candidate",
  });
  expect([stable?.generation?.modelName, candidate?.generation?.modelName]).toEqual([
    "brandgate-copy-1",
    "brandgate-copy-2",
  ]);
});

it("generates structured copy from a registered version and records the attempt", async () => {
  const brand = await createBrand();
  const { candidateVersionId, stableVersionId } = await seedDemoModels(db(), brand.id);
  const result = await generate({
    brandId: brand.id,
    target: { versionId: candidateVersionId! },
    fallbackVersionId: stableVersionId!,
    messages,
    responseFormat,
    requestId: "req-integration",
  });
  expect(result).toMatchObject({ versionId: candidateVersionId, servedBy: "primary" });
  expect(Object.keys(result.parsed!)).toEqual(["headline", "body", "cta"]);
  expect(result.usage.tokensOut).toBeGreaterThan(10);

  let streamed = "";
  for await (const e of generateStream({
    brandId: brand.id,
    target: { versionId: stableVersionId! },
    messages,
    requestId: "req-stream",
  })) {
    if (e.type === "delta") streamed += e.text;
  }
  expect(streamed.length).toBeGreaterThan(20);

  await flushGenerationAttempts();
  const rows = await db()
    .select()
    .from(generationAttempts)
    .where(eq(generationAttempts.requestId, "req-integration"));
  expect(rows).toMatchObject([
    { versionId: candidateVersionId, outcome: "ok", attempt: 1, servedAs: "primary" },
  ]);
  expect(rows[0]!.tokensOut).toBe(result.usage.tokensOut);
});

it("does not serve another brand's version", async () => {
  const owner = await createBrand();
  const { stableVersionId } = await seedDemoModels(db(), owner.id);
  const other = await createBrand();
  await expect(
    generate({ brandId: other.id, target: { versionId: stableVersionId! }, messages, requestId: "req-x" }),
  ).rejects.toMatchObject({ code: "not_found" });
});
