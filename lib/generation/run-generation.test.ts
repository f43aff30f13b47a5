/**
 * The whole pipeline against a real database and a scripted OpenAI-compatible upstream on
 * loopback, so each test decides exactly what the "model" answers.
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, contentItems, contentRevisions, generations } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import { insertModel } from "@/lib/models/registry/insert-model";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { moveLabel } from "@/lib/models/registry/move-label";
import { listen } from "@/lib/http/testing/listen";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { createGeneration } from "./create-generation";
import { MAX_ROUNDS, runGeneration } from "./run-generation";

const answers: string[] = [];
/** The chat request bodies the "model" received, in order. */
const requests: { messages: { role: string; content: string }[] }[] = [];
let calls = 0;
const upstream = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    calls++;
    requests.push(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
    const content = answers.shift() ?? JSON.stringify({ post: "A calm walk in the hills this weekend." });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "x",
        object: "chat.completion",
        created: 0,
        model: "scripted",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  });
});

let close: () => Promise<void>;
let brandId: string;
let marketer: UserPrincipal;
let socialVersionId: string;
let modelVersionId: string;
let kitVersionId: string;

beforeAll(async () => {
  const server = await listen(upstream);
  close = server.close;
  brandId = (await createBrand()).id;
  const admin = await createUser(brandId, "admin");
  const adminSession = (await (await signedIn(admin.id)).session())!;
  marketer = (await (await signedIn((await createUser(brandId, "marketer")).id)).session())!;
  const kit = await saveKitVersion(adminSession, { brandId, baseVersion: null, content: DEMO_KIT });
  kitVersionId = kit.id;
  await publishKitVersion(adminSession, { brandId, versionId: kit.id });
  await seedStarterTemplates(db(), brandId, admin.id);
  const social = (await listTemplates(marketer, brandId)).find((t) => t.template.channel === "social")!;
  socialVersionId = social.versions[0]!.versionId;
  const model = await insertModel(db(), { brandId, kind: "generation", name: "scripted" });
  const version = await insertModelVersion(
    db(),
    model.id,
    {
      kind: "generation",
      provider: "openai-compatible",
      baseUrl: server.baseUrl,
      modelName: "scripted",
      parameters: { structuredOutput: "json_object" },
      resilience: { maxRetries: 0 },
    },
    null,
  );
  modelVersionId = version.id;
  await moveLabel({
    model: model.id,
    label: "stable",
    versionId: version.id,
    reason: "test",
    actor: "system:test",
  });
});
afterAll(async () => {
  await close();
  await stopSender();
});

async function run(summary: string, script: string[]) {
  answers.length = 0;
  answers.push(...script);
  const before = calls;
  const gen = await createGeneration(marketer, {
    brandId,
    templateVersionId: socialVersionId,
    brief: { summary },
  });
  const result = await runGeneration({
    actor: { kind: "user", userId: marketer.user.id, brandId },
    generationId: gen.id,
  });
  const [row] = await db().select().from(generations).where(eq(generations.id, gen.id));
  return { result, row: row!, modelCalls: calls - before };
}

describe("the generation pipeline", () => {
  it("blocks a brief with a banned term before any model call", async () => {
    const { row, modelCalls } = await run("Write a post calling our boots bulletproof", []);
    expect(row.status).toBe("blocked");
    expect(modelCalls).toBe(0);
    expect(JSON.stringify(row.outcome)).toContain("bulletproof");
  });

  it("auto-fixes a deprecated term in the output and stores a revision recording every source version", async () => {
    const { row, result, modelCalls } = await run("A post about our rain jackets", [
      JSON.stringify({ post: "Our cheap rain jacket keeps you dry on every trail.", hashtags: ["hiking"] }),
    ]);
    expect(modelCalls).toBe(1);
    expect(row.status).toBe("succeeded");
    expect((row.steps as { name: string }[]).map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "input-checks",
        "route",
        "prompt",
        "generate",
        "parse",
        "output-checks",
        "auto-fix",
        "render",
        "store",
        "submit",
      ]),
    );
    const [revision] = await db()
      .select()
      .from(contentRevisions)
      .where(eq(contentRevisions.generationId, row.id));
    expect((revision!.slots as { post: string }).post).toBe(
      "Our affordable rain jacket keeps you dry on every trail.",
    );
    expect(revision).toMatchObject({
      kitVersionId,
      templateVersionId: socialVersionId,
      modelVersionId,
      personalisationVersionId: null,
      blocked: false,
    });
    expect(revision!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const [item] = await db()
      .select()
      .from(contentItems)
      .where(eq(contentItems.id, (result as { contentItemId: string }).contentItemId));
    expect(item).toMatchObject({ status: "in_review", currentRevisionId: revision!.id });
    expect(JSON.stringify(revision!.rendered)).toContain("affordable rain jacket");
    // Created and submitted are both in the audit log, with the workflow it pinned.
    const audited = await db()
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.targetId, item!.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["content.created", "content.submitted"]);
    expect(item!.workflowDefinitionId).not.toBeNull();
  });

  it("regenerates an output that keeps failing, then blocks it, keeping every round", async () => {
    const bad = JSON.stringify({ post: "Better than anything from TrailCo, guaranteed." });
    const { row, modelCalls } = await run(
      "A post about boots",
      Array.from({ length: MAX_ROUNDS }, () => bad),
    );
    expect(modelCalls).toBe(MAX_ROUNDS);
    expect(row.status).toBe("blocked");
    expect(row.rounds as unknown[]).toHaveLength(MAX_ROUNDS);
    // Each regenerate prompt carries the violations of the round before it.
    const rounds = row.rounds as { violations: string[] }[];
    const prompts = requests.slice(-MAX_ROUNDS).map((r) => r.messages.map((m) => m.content).join("\n"));
    expect(prompts[0]).not.toContain("Your previous answer broke these rules");
    for (let i = 1; i < MAX_ROUNDS; i++) {
      expect(rounds[i - 1]!.violations.length).toBeGreaterThan(0);
      expect(prompts[i]).toContain("Your previous answer broke these rules");
      for (const violation of rounds[i - 1]!.violations) expect(prompts[i]).toContain(violation);
    }
    expect(await db().$count(contentRevisions, eq(contentRevisions.generationId, row.id))).toBe(0);
  });

  it("rejects a slot value over its maximum length, and recovers when the next round fits", async () => {
    const { row, modelCalls } = await run("A post about tents", [
      JSON.stringify({ post: "x".repeat(500) }),
      JSON.stringify({ post: "Pitch your tent by the lake this weekend." }),
    ]);
    expect(modelCalls).toBe(2);
    expect(row.status).toBe("succeeded");
    expect(JSON.stringify((row.rounds as unknown[])[0])).toContain("post");
  });

  it("does nothing a second time when the job runs again", async () => {
    const { row } = await run("A post about socks", []);
    const again = await runGeneration({
      actor: { kind: "user", userId: marketer.user.id, brandId },
      generationId: row.id,
    });
    expect(again).toEqual({ status: "succeeded" });
    expect(await db().$count(contentRevisions, eq(contentRevisions.generationId, row.id))).toBe(1);
  });

  it("blocks a brief whose attached asset fails the kit, before any model call", async () => {
    const { createCopyAsset } = await import("@/lib/brand/assets/create-copy-asset");
    const { asset, check } = await createCopyAsset(marketer, {
      brandId,
      name: "bad",
      text: "Cheaper than TrailCo, guaranteed.",
    });
    expect(check!.blocked).toBe(true);
    const before = calls;
    const gen = await createGeneration(marketer, {
      brandId,
      templateVersionId: socialVersionId,
      brief: { summary: "A post about boots" },
      assetIds: [asset.id],
    });
    await runGeneration({ actor: { kind: "user", userId: marketer.user.id, brandId }, generationId: gen.id });
    const [row] = await db().select().from(generations).where(eq(generations.id, gen.id));
    expect(row!.status).toBe("blocked");
    expect(calls).toBe(before);
    // Named as the marketer named it, not by its id.
    expect(JSON.stringify(row!.outcome)).toContain("Attached asset “bad” fails the brand kit");
  });

  it("refuses an unapproved template version", async () => {
    const { createTemplateVersion } = await import("@/lib/templates/versions/create-template-version");
    const social = (await listTemplates(marketer, brandId)).find((t) => t.template.channel === "social")!;
    const draft = await createTemplateVersion(marketer, {
      brandId,
      key: social.template.key,
      definition: social.versions[0]!.definition,
    });
    await expect(
      createGeneration(marketer, { brandId, templateVersionId: draft.version.id, brief: { summary: "x" } }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
