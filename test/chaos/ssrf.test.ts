/**
 * Issue 10, item 11: SSRF. Brandgate fetches URLs that people type in at two places — webhook
 * targets and model base URLs set by admins (there is no asset import by URL). A corpus of
 * loopback, private, link-local, metadata and oddly spelled addresses, all aimed at a canary
 * listener on this machine, is offered to both, when saved and when called (as if DNS had
 * changed since), and through redirects. The canary must see 0 connections.
 *
 * The guards' escape hatches (WEBHOOK_ALLOW_PRIVATE_TARGETS, MODEL_ALLOW_PRIVATE_BASE_URLS)
 * are off for this file, except in the redirect cases, where they are on so a redirector on
 * loopback is reachable at all: even then, no redirect is followed.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer, type Socket } from "node:net";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createModel } from "@/lib/models/registry/create-model";
import { createModelVersion } from "@/lib/models/registry/create-model-version";
import { insertModelVersion } from "@/lib/models/registry/insert-model-version";
import { createProvider } from "@/lib/models/providers/create-provider";
import { sealSecret } from "@/lib/security/secret-box";
import { createWebhookSubscription } from "@/lib/webhooks/create-webhook-subscription";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { runAttempt } from "@/lib/webhooks/run-attempt";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { ssrfCorpus } from "./policy/ssrf-corpus";

let canary: Server | ReturnType<typeof createServer>;
let canaryPort: number;
const canarySockets: Socket[] = [];
let connections = 0;
let corpus: string[];
let brandId: string;
let admin: UserPrincipal;
let modelId: string;

/** An error's message with those of its causes (the SDK wraps the socket's error). */
function causes(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    parts.push(String(e.message));
  return parts.join(" <- ");
}

function setGuards(allowPrivate: boolean) {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = allowPrivate ? "1" : "0";
  process.env.MODEL_ALLOW_PRIVATE_BASE_URLS = allowPrivate ? "1" : "0";
  resetEnvCache();
}

beforeAll(async () => {
  canary = createServer((socket) => {
    connections++;
    canarySockets.push(socket);
    socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
  });
  // Dual-stack: catches ::1 and every IPv4 address of this machine (127/8, its private ones).
  await new Promise<void>((resolve) => canary.listen({ host: "::", port: 0, ipv6Only: false }, resolve));
  canaryPort = (canary.address() as { port: number }).port;
  corpus = ssrfCorpus(canaryPort);
  brandId = (await createBrand()).id;
  admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  modelId = (await createModel(admin, { brandId, kind: "generation", name: "ssrf probe" })).id;
  setGuards(false);
});

afterAll(async () => {
  setGuards(true);
  for (const s of canarySockets) s.destroy();
  await new Promise((r) => canary.close(r));
});

describe("SSRF: every URL in the corpus is refused, and the canary hears nothing", () => {
  it("has a corpus of at least 40 URLs", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus).size).toBe(corpus.length);
  });

  it("refuses each as a webhook target when saved", async () => {
    const accepted: string[] = [];
    for (const url of corpus) {
      try {
        await createWebhookSubscription(admin, { brandId, url, eventTypes: ["content.approved"] });
        accepted.push(url);
      } catch (err) {
        expect(err, url).toMatchObject({ code: "validation_failed" });
      }
    }
    expect(accepted).toEqual([]);
    expect(connections).toBe(0);
    console.log(
      `[chaos] ssrf webhooks on save: ${corpus.length} URLs refused, canary connections ${connections}`,
    );
  });

  it("refuses each at delivery time, when it was stored before (DNS changed since)", async () => {
    // Stored behind the guard's back, as a row saved when the name still resolved publicly.
    const stored = corpus.filter((u) => /^https?:/i.test(u));
    const subs = await db()
      .insert(webhookSubscriptions)
      .values(
        stored.map((url) => ({
          brandId,
          url,
          eventTypes: ["content.approved"],
          secretCiphertext: sealSecret("whsec_canary"),
          createdBy: admin.user.id,
        })),
      )
      .returning({ id: webhookSubscriptions.id });
    await emitWebhookEvent(db(), { brandId, type: "content.approved", data: { contentId: brandId } });
    const deliveries = await db()
      .select()
      .from(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.subscriptionId,
          subs.map((s) => s.id),
        ),
      );
    expect(deliveries).toHaveLength(stored.length);
    const outcomes = await Promise.all(
      deliveries.map((d) =>
        runAttempt({ id: d.id, eventId: d.eventId, subscriptionId: d.subscriptionId, attempts: d.attempts }),
      ),
    );
    expect(outcomes.filter((o) => o === "delivered")).toEqual([]);
    const attempts = await db()
      .select({ error: webhookDeliveryAttempts.error })
      .from(webhookDeliveryAttempts)
      .where(
        inArray(
          webhookDeliveryAttempts.deliveryId,
          deliveries.map((d) => d.id),
        ),
      );
    expect(attempts).toHaveLength(stored.length);
    for (const a of attempts) expect(a.error).toMatch(/refused|does not resolve|private|reserved/i);
    expect(connections).toBe(0);
    console.log(
      `[chaos] ssrf webhooks on delivery: ${stored.length} attempts refused, canary connections ${connections}`,
    );
  });

  it("refuses each as a model base URL when an admin saves it", async () => {
    const accepted: string[] = [];
    for (const url of corpus) {
      try {
        await createModelVersion(admin, {
          modelId,
          version: { kind: "generation", provider: "openai-compatible", baseUrl: url, modelName: "probe" },
        });
        accepted.push(url);
      } catch (err) {
        expect(err, url).toMatchObject({ code: "validation_failed" });
      }
    }
    expect(accepted).toEqual([]);
    expect(connections).toBe(0);
    console.log(
      `[chaos] ssrf model base URLs on save: ${corpus.length} URLs refused, canary connections ${connections}`,
    );
  });

  it("refuses each when the model is called, for versions stored before (DNS changed since)", async () => {
    const callable = corpus.filter((u) => /^https?:/i.test(u) && !/@/.test(u.split("/")[2] ?? ""));
    let refused = 0;
    for (const url of callable) {
      for (const provider of ["openai-compatible", "builtin"] as const) {
        await insertModelVersion(
          db(),
          modelId,
          { kind: "generation", provider, baseUrl: url, modelName: "probe" },
          null,
        );
        // As lib/models/registry/resolve-target.ts builds it from the stored row.
        const p = createProvider({
          provider,
          baseUrl: url,
          modelName: "probe",
          apiKey: null,
          parameters: { structuredOutput: "json_object" },
          sdkTimeoutMs: 5_000,
        });
        const err = await p
          .complete({ messages: [{ role: "user", content: "hi" }], signal: AbortSignal.timeout(5_000) })
          .then(
            () => null,
            (e: unknown) => e,
          );
        // Refused by the guard (or a name that does not resolve here) — not merely failed on
        // whatever answered.
        expect(causes(err), url).toMatch(/refused|ENOTFOUND|EAI_AGAIN/);
        refused++;
      }
    }
    expect(connections).toBe(0);
    console.log(
      `[chaos] ssrf model base URLs on call: ${refused} calls refused, canary connections ${connections}`,
    );
  });
});

describe("SSRF through redirects: none is followed, even where private targets are allowed", () => {
  let redirector: Server;
  let redirectorUrl: string;
  const hops: string[] = [];

  beforeAll(async () => {
    setGuards(true);
    redirector = createHttpServer((req, res) => {
      hops.push(req.url ?? "");
      const code = [301, 302, 303, 307, 308][hops.length % 5]!;
      res.writeHead(code, { location: `http://127.0.0.1:${canaryPort}/latest/meta-data/` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    setGuards(false);
    await new Promise((r) => redirector.close(r));
  });

  it("a webhook delivery treats a 3xx as a failure and never reaches the canary", async () => {
    for (let i = 0; i < 5; i++) {
      const result = await postWebhook(new URL(`${redirectorUrl}/hook`), "{}", {}, 5_000);
      expect(result.ok).toBe(false);
      expect(result.status).toBeGreaterThanOrEqual(300);
    }
    expect(connections).toBe(0);
  });

  it("a model call treats a 3xx as an error and never reaches the canary", async () => {
    for (const provider of ["openai-compatible", "builtin"] as const) {
      for (let i = 0; i < 5; i++) {
        const p = createProvider({
          provider,
          baseUrl: `${redirectorUrl}/v1`,
          modelName: "probe",
          apiKey: null,
          parameters: { structuredOutput: "json_object" },
          sdkTimeoutMs: 5_000,
        });
        await expect(
          p.complete({ messages: [{ role: "user", content: "hi" }], signal: AbortSignal.timeout(5_000) }),
        ).rejects.toThrow();
      }
    }
    expect(hops.length).toBe(15);
    expect(connections).toBe(0);
    console.log(
      `[chaos] ssrf redirects: ${hops.length} redirects (301/302/303/307/308) answered, 0 followed, canary connections ${connections}`,
    );
  });
});
