/**
 * "Train now" over REST with a `models:write` key: a personalisation model is trained on the
 * brand's recent events by the training job (run here by the job worker), the run's status URL
 * names the new version, and the version is stored with its ONNX artifact. A generation model
 * is refused naming `model`, and nothing is queued or stored.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, modelVersions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { stopSender } from "@/lib/jobs/send-job";
import type { UserPrincipal } from "@/lib/auth/principal";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { getTrainingSchedules } from "@/lib/personalisation/get-training-schedules";
import { generateSyntheticEvents } from "@/lib/personalisation/generate-synthetic-events";
import { buildApi } from "@/server/api/app";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { startJobWorker } from "@/test/job-worker";

let app: FastifyInstance;
let api: string;
let worker: { stop: () => Promise<void> };
let brandId: string;
let admin: UserPrincipal;
const keys = { write: "", generateOnly: "" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function call(method: string, path: string, body?: unknown, key = keys.write) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, location: res.headers.get("location"), body: (await res.json()) as Body };
}

/** Exposures over the last few days, with a click on the same content for each positive outcome. */
async function storeEvents() {
  const synthetic = generateSyntheticEvents({ customers: 600, exposuresPerCustomer: 5, seed: "train-now" });
  const now = Date.now();
  const rows = synthetic.flatMap((e, i) => {
    const contentId = randomUUID();
    const at = new Date(now - 3 * 24 * 3600 * 1000 + (i % 1000) * 60_000);
    const exposure = {
      brandId,
      kind: "exposure" as const,
      unitKey: e.unitKey!,
      contentId,
      audience: e.audience,
      variant: e.variant,
      occurredAt: at,
    };
    const click = { brandId, kind: "click" as const, unitKey: e.unitKey!, contentId, occurredAt: at };
    return e.outcome ? [exposure, { ...click, occurredAt: new Date(at.getTime() + 5000) }] : [exposure];
  });
  for (let i = 0; i < rows.length; i += 2000)
    await db()
      .insert(events)
      .values(rows.slice(i, i + 2000));
}

const versionsOf = async (modelSlug: string) =>
  (
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(modelVersions)
      .where(
        sql`${modelVersions.modelId} = (select id from models where slug = ${modelSlug} and brand_id = ${brandId})`,
      )
  )[0]!.n;

beforeAll(async () => {
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  api = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  brandId = (await createBrand("Acme Training")).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const key = async (scopes: ("generate" | "models:write")[]) =>
    (
      await createApiKey(admin, {
        brandId,
        name: "training test",
        scopes,
        rateLimitPerMinute: 100_000,
        monthlyGenerationQuota: 1_000_000,
      })
    ).plaintext;
  keys.write = await key(["models:write", "generate"]);
  keys.generateOnly = await key(["generate"]);
  await storeEvents();
  worker = await startJobWorker(["trainPersonalisation"]);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await stopSender();
});

describe("Train now over REST", () => {
  it("trains a personalisation model on its recent events and the status URL names the new version", async () => {
    const created = await call("POST", "/api/v1/models", { kind: "personalisation", name: "Acme Ranker" });
    expect(created.status).toBe(201);
    expect(await versionsOf("acme-ranker")).toBe(0);

    const refused = await call("POST", "/api/v1/models/acme-ranker/train", {}, keys.generateOnly);
    expect(refused.status).toBe(403);

    const queued = await call("POST", "/api/v1/models/acme-ranker/train", { windowDays: 7 });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ model: "acme-ranker", state: "queued" });
    expect(queued.location).toBe(queued.body.statusUrl);
    expect(queued.body.statusUrl).toBe(`/api/v1/models/acme-ranker/training/${queued.body.jobId}`);

    const until = Date.now() + 90_000;
    let status: Body;
    for (;;) {
      const res = await call("GET", queued.body.statusUrl);
      expect(res.status).toBe(200);
      status = res.body;
      if (status.state === "succeeded" || status.state === "failed") break;
      if (Date.now() > until) throw new Error(`training still ${status.state}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toMatchObject({ state: "succeeded", model: "acme-ranker", version: "1", error: null });
    expect(status.versionStatusUrl).toBe("/api/v1/models/acme-ranker/versions/1");

    const [version] = await db()
      .select()
      .from(modelVersions)
      .where(
        sql`${modelVersions.modelId} = (select id from models where slug = 'acme-ranker' and brand_id = ${brandId})`,
      );
    expect(version!.kind).toBe("personalisation");
    expect(version!.artifactSha256).toMatch(/^[0-9a-f]{64}$/);
    const versionStatus = await call("GET", status.versionStatusUrl);
    expect(versionStatus.status).toBe(200);
    expect(versionStatus.body).toMatchObject({ model: "acme-ranker", version: "1" });

    // The Models page's schedule panel: on demand only (no retrainEveryHours), the policy's
    // window, and this run as the last one.
    const schedule = (await getTrainingSchedules(modelCallerOf(admin, brandId))).get(created.body.uuid);
    expect(schedule).toMatchObject({ everyHours: null, windowDays: 30, nextDueAt: null });
    expect(schedule!.lastRun).toMatchObject({ jobId: queued.body.jobId, state: "completed" });
    expect(schedule!.newestVersionAt).toBeInstanceOf(Date);

    // Another model's run is not this model's.
    await call("POST", "/api/v1/models", { kind: "personalisation", name: "Acme Other Ranker" });
    const elsewhere = await call("GET", `/api/v1/models/acme-other-ranker/training/${queued.body.jobId}`);
    expect(elsewhere.status).toBe(404);
  });

  it("refuses a generation model with a 400 naming `model`, and queues nothing", async () => {
    const created = await call("POST", "/api/v1/models", { kind: "generation", name: "Acme Words" });
    expect(created.status).toBe(201);
    const jobs = async () =>
      (
        await db().execute<{ n: number }>(
          sql`select count(*)::int as n from pgboss.job where name = 'personalisation.train.v1'`,
        )
      )[0]!.n;
    const before = await jobs();
    const refused = await call("POST", "/api/v1/models/acme-words/train", {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details).toEqual([
      { path: "model", message: "must be a personalisation model" },
    ]);
    expect(await jobs()).toBe(before);
    expect(await versionsOf("acme-words")).toBe(0);

    const unknown = await call("POST", "/api/v1/models/no-such-model/train", {});
    expect(unknown.status).toBe(404);
    const badWindow = await call("POST", "/api/v1/models/acme-words/train", { windowDays: 0 });
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(badWindow.body.error.details)).toContain("windowDays");
  });
});
