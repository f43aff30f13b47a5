/**
 * The chat lane keeps its brand's configuration (chat settings, published kit, model by name,
 * routing policy) in memory for as long as the brand state version read with the API key
 * holds. Every change committed before a request must apply to that request: these tests make
 * a change between two calls on the same server and expect the second call to see it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brandChatSettings, brandStateVersions, modelLabels, modelRoutes, models } from "@/db/schema";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { SAFE_COPY, startApiFixture, type ApiFixture } from "@/test/api/fixture";

let f: ApiFixture;
beforeAll(async () => {
  f = await startApiFixture();
  f.setUpstream({ kind: "ok", text: SAFE_COPY });
});
afterAll(() => f.close());

interface ChatAnswer {
  brandgate: { arm: string; version_id: string };
  error: { details: { kitVersion?: number } };
}

async function chat(content: string, model = f.modelName, unit = "unit-1") {
  const res = await fetch(`${f.baseUrl}/api/v1/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${f.keys.all}`,
      "content-type": "application/json",
      "x-brandgate-brand": f.brandId,
      "x-brandgate-unit": unit,
    },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
  return { status: res.status, body: (await res.json()) as ChatAnswer };
}

const versionOf = async (brandId: string) =>
  (await db().select().from(brandStateVersions).where(eq(brandStateVersions.brandId, brandId)))[0]?.version ??
  0;

describe("the chat lane's configuration in memory", () => {
  it("applies a newly published kit to the very next call", async () => {
    const prompt = "A post about our glacier shell";
    expect((await chat(prompt)).status).toBe(200);
    expect((await chat(prompt)).status).toBe(200);
    const kit = await saveKitVersion(f.admin, {
      brandId: f.brandId,
      baseVersion: 1,
      content: {
        ...DEMO_KIT,
        bannedTerms: [...DEMO_KIT.bannedTerms, { term: "glacier shell", reason: "Discontinued product" }],
      },
    });
    await publishKitVersion(f.admin, { brandId: f.brandId, versionId: kit.id });
    const refused = await chat(prompt);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.kitVersion).toBe(2);
  });

  it("applies chat settings, a renamed model and a routing change to the very next call", async () => {
    const prompt = "A post about our rain jacket";
    expect((await chat(prompt)).status).toBe(200);

    await db()
      .update(brandChatSettings)
      .set({ enabled: false })
      .where(eq(brandChatSettings.brandId, f.brandId));
    expect((await chat(prompt)).status).toBe(403);
    await db()
      .update(brandChatSettings)
      .set({ enabled: true })
      .where(eq(brandChatSettings.brandId, f.brandId));
    expect((await chat(prompt)).status).toBe(200);

    const [model] = await db()
      .select()
      .from(models)
      .where(and(eq(models.brandId, f.brandId), eq(models.name, f.modelName)));
    await db().update(models).set({ name: "Renamed copy" }).where(eq(models.id, model!.id));
    try {
      expect((await chat(prompt)).status).toBe(404);
      expect((await chat(prompt, "Renamed copy")).status).toBe(200);
    } finally {
      await db().update(models).set({ name: f.modelName }).where(eq(models.id, model!.id));
    }

    const first = await chat(prompt);
    expect(first.body.brandgate.arm).toBe("stable");
    await db()
      .insert(modelRoutes)
      .values({ modelId: model!.id, mode: "split", candidateWeight: 100, salt: "cache-test" })
      .onConflictDoUpdate({ target: modelRoutes.modelId, set: { mode: "split", candidateWeight: 100 } });
    try {
      const second = await chat(prompt);
      expect(second.body.brandgate.arm).toBe("candidate");
      expect(second.body.brandgate.version_id).not.toBe(first.body.brandgate.version_id);
    } finally {
      await db().delete(modelRoutes).where(eq(modelRoutes.modelId, model!.id));
    }
    expect((await chat(prompt)).body.brandgate.arm).toBe("stable");
  });

  it("bumps the brand's version on every write the cache depends on, and only that brand's", async () => {
    const [model] = await db()
      .select()
      .from(models)
      .where(and(eq(models.brandId, f.brandId), eq(models.name, f.modelName)));
    const [label] = await db().select().from(modelLabels).where(eq(modelLabels.modelId, model!.id)).limit(1);
    const writes: [string, () => Promise<unknown>][] = [
      [
        "chat settings",
        () =>
          db()
            .update(brandChatSettings)
            .set({ reviewSampleRate: 0 })
            .where(eq(brandChatSettings.brandId, f.brandId)),
      ],
      ["models", () => db().update(models).set({ description: "touched" }).where(eq(models.id, model!.id))],
      [
        "model labels",
        () =>
          db()
            .update(modelLabels)
            .set({ versionId: label!.versionId })
            .where(and(eq(modelLabels.modelId, model!.id), eq(modelLabels.label, label!.label))),
      ],
      ["model routes", () => db().insert(modelRoutes).values({ modelId: model!.id, salt: "bump" })],
      ["model routes (delete)", () => db().delete(modelRoutes).where(eq(modelRoutes.modelId, model!.id))],
    ];
    for (const [what, write] of writes) {
      const before = await versionOf(f.brandId);
      const other = await versionOf(f.otherBrandId);
      await write();
      expect(await versionOf(f.brandId), what).toBe(before + 1);
      expect(await versionOf(f.otherBrandId), what).toBe(other);
    }
  });
});
