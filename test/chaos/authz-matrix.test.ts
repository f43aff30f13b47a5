/**
 * Issue 10, item 9: the authorization matrix against policy/authz-policy.ts. First the table
 * is checked to be complete: every OpenAPI operation, every app route handler and every
 * exported server action has an entry, and no entry names something that is gone. Then every
 * API operation is called with no key, a garbage key, a key per single scope, an all-scopes
 * key without chat, another brand's key (with this brand's ids) and the
 * x-middleware-subrequest header; and every route handler as every role, a stranger, another
 * brand's admin and nobody. Zero deviations from the table.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_KEY_SCOPES, type ApiKeyScope, type Role } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { API_OPERATIONS, APP_ROUTES, SERVER_ACTIONS } from "./policy/authz-policy";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const PROBE = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** "METHOD app/…/route.ts" for every exported HTTP method, including `export { h as GET }`. */
function routeHandlers(): string[] {
  return filesNamed("app", "route.ts").flatMap((file) => {
    const src = readFileSync(path.join(root, file), "utf8");
    return METHODS.filter((m) =>
      new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\bas ${m}\\b`).test(src),
    ).map((m) => `${m} ${file}`);
  });
}

/** "app/…/actions.ts#name" for every export of a "use server" file. */
function serverActions(): string[] {
  return filesNamed("app", "actions.ts").flatMap((file) => {
    const src = readFileSync(path.join(root, file), "utf8");
    return [...src.matchAll(/^export (?:const|async function|function) (\w+)/gm)].map(
      (m) => `${file}#${m[1]}`,
    );
  });
}

let f: ApiFixture;
const scopeKeys = {} as Record<ApiKeyScope, string>;

beforeAll(async () => {
  f = await startApiFixture();
  for (const scope of API_KEY_SCOPES) {
    scopeKeys[scope] = (
      await createApiKey(f.admin, {
        brandId: f.brandId,
        name: `only ${scope}`,
        scopes: [scope],
        chatEnabled: scope === "generate",
        rateLimitPerMinute: 100_000,
        monthlyGenerationQuota: 100_000_000,
      })
    ).plaintext;
  }
});
afterAll(() => f.close());

describe("the policy table is complete", () => {
  it("has an entry for every OpenAPI operation, and none for an operation that is gone", () => {
    const doc = f.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(
      ops.filter((o) => !(o in API_OPERATIONS)),
      "operations without a policy",
    ).toEqual([]);
    expect(
      Object.keys(API_OPERATIONS).filter((o) => !ops.includes(o)),
      "stale policy entries",
    ).toEqual([]);
    // The document's own security requirement says the same as the table.
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(item as Record<string, { security?: { apiKey?: string[] }[] }>)) {
        const declared = op.security?.[0]?.apiKey?.[0] ?? null;
        expect(declared, `${m.toUpperCase()} ${p}`).toBe(API_OPERATIONS[`${m.toUpperCase()} ${p}`]!.scope);
      }
    }
  });

  it("has an entry for every route handler and every server action", () => {
    const routes = routeHandlers();
    const actions = serverActions();
    expect(
      routes.filter((r) => !(r in APP_ROUTES)),
      "route handlers without a policy",
    ).toEqual([]);
    expect(
      Object.keys(APP_ROUTES).filter((r) => !routes.includes(r)),
      "stale route entries",
    ).toEqual([]);
    expect(
      actions.filter((a) => !(a in SERVER_ACTIONS)),
      "server actions without a policy",
    ).toEqual([]);
    expect(
      Object.keys(SERVER_ACTIONS).filter((a) => !actions.includes(a)),
      "stale action entries",
    ).toEqual([]);
    console.log(
      `[chaos] authz policy: ${Object.keys(API_OPERATIONS).length} API operations, ${routes.length} route handlers, ${actions.length} server actions, all with entries`,
    );
  });
});

interface Case {
  op: string;
  caller: string;
  expected: "allowed" | 401 | 403 | "not ours";
}

function requestFor(op: string, headers: Record<string, string>) {
  const [method, template] = op.split(" ") as [string, string];
  const values: Record<string, string> = {
    placement: f.placementKey,
    deliveryId: f.webhookDeliveryId,
    id: template.startsWith("/api/v1/content")
      ? f.publishedContentId
      : template.startsWith("/api/v1/generations")
        ? f.finishedGenerationId
        : method === "DELETE"
          ? f.spareWebhookIds[0]!
          : f.webhookSubscriptionId,
  };
  const url = f.baseUrl + template.replace(/\{(\w+)\}/g, (_, n: string) => values[n]!);
  // An empty body: a caller that passes authorization gets 400 from validation, after the auth hook.
  const body = method === "POST" || method === "PATCH" ? "{}" : undefined;
  return fetch(url, {
    method,
    headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

describe("API operations x key scopes", () => {
  it("answers every operation exactly as the table says, for every caller", async () => {
    const callers: Record<
      string,
      { headers: Record<string, string>; expect: (op: string) => Case["expected"] }
    > = {
      "no key": { headers: {}, expect: () => 401 },
      "no key + x-middleware-subrequest": { headers: PROBE, expect: () => 401 },
      "garbage key": { headers: { authorization: "Bearer bg_live_not_a_key" }, expect: () => 401 },
      "all scopes, chat off": {
        headers: { authorization: `Bearer ${f.keys.noChat}` },
        expect: (op) => (API_OPERATIONS[op]!.chat ? 403 : "allowed"),
      },
      "another brand's key": {
        headers: { authorization: `Bearer ${f.keys.otherBrand}` },
        expect: () => "not ours",
      },
      ...Object.fromEntries(
        API_KEY_SCOPES.map((scope) => [
          `only ${scope}`,
          {
            headers: { authorization: `Bearer ${scopeKeys[scope]}` },
            expect: (op: string) => (API_OPERATIONS[op]!.scope === scope ? "allowed" : 403),
          },
        ]),
      ),
    };
    const deviations: string[] = [];
    let calls = 0;
    const ours = [f.publishedContentId, f.finishedGenerationId, f.webhookSubscriptionId, f.webhookDeliveryId];
    for (const op of Object.keys(API_OPERATIONS)) {
      if (API_OPERATIONS[op]!.scope === null) continue;
      for (const [name, caller] of Object.entries(callers)) {
        const expected = caller.expect(op);
        const res = await requestFor(op, caller.headers);
        const text = res.headers.get("content-type")?.includes("event-stream")
          ? (void res.body?.cancel(), "")
          : await res.text();
        calls++;
        const ok =
          expected === "allowed"
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : expected === "not ours"
              ? res.status < 500 && (res.status >= 400 || !ours.some((id) => text.includes(id)))
              : res.status === expected;
        if (!ok)
          deviations.push(`${op} as ${name}: expected ${expected}, got ${res.status} ${text.slice(0, 120)}`);
      }
    }
    expect(deviations).toEqual([]);
    console.log(`[chaos] authz API matrix: ${calls} calls, 0 deviations`);
  });
});

describe("route handlers x roles", () => {
  it("serves each route handler to exactly the roles in the table", async () => {
    const { GET: members } = await import("@/app/api/admin/members/route");
    const { PATCH: patchMember } = await import("@/app/api/admin/members/[userId]/route");
    const { POST: postAsset } = await import("@/app/api/assets/route");
    const { GET: assetImage } = await import("@/app/api/assets/[id]/image/route");
    const { GET: assetThumbnail } = await import("@/app/api/assets/[id]/thumbnail/route");
    const { GET: auditExport } = await import("@/app/(app)/admin/audit/export/route");
    const b = f.brandId;
    const target = await createUser(b, "marketer");
    const other = await createBrand("Elsewhere");
    const sessions: Record<string, { cookie?: string; role: Role | null; extra?: Record<string, string> }> = {
      nobody: { role: null },
      "nobody + x-middleware-subrequest": { role: null, extra: PROBE },
      "forged cookie": { role: null, cookie: "bg.session=forged.token.value" },
      "another brand's admin": {
        role: null,
        cookie: (await signedIn((await createUser(other.id, "admin")).id)).cookie,
      },
    };
    for (const role of ["marketer", "reviewer", "admin"] as const) {
      sessions[role] = { role, cookie: (await signedIn((await createUser(b, role)).id)).cookie };
      sessions[`${role} + x-middleware-subrequest`] = { ...sessions[role]!, extra: PROBE };
    }
    const assetForm = () => {
      const form = new FormData();
      form.set("brandId", b);
      form.set("name", "authz");
      form.set("text", "Dry feet on every trail.");
      return form;
    };
    const call: Record<string, (headers: Record<string, string>) => Promise<Response>> = {
      "GET app/api/admin/members/route.ts": (h) =>
        members(new Request(`http://test/api/admin/members?brandId=${b}`, { headers: h }), undefined),
      "PATCH app/api/admin/members/[userId]/route.ts": (h) =>
        patchMember(
          new Request(`http://test/api/admin/members/${target.id}`, {
            method: "PATCH",
            headers: { ...h, "content-type": "application/json" },
            body: JSON.stringify({ brandId: b, role: "marketer" }),
          }),
          { params: Promise.resolve({ userId: target.id }) },
        ),
      "POST app/api/assets/route.ts": (h) =>
        postAsset(
          new Request("http://test/api/assets", { method: "POST", headers: h, body: assetForm() }),
          undefined,
        ),
      "GET app/api/assets/[id]/image/route.ts": (h) =>
        assetImage(
          new Request(`http://test/api/assets/${f.publishedContentId}/image?brandId=${b}`, { headers: h }),
          {
            params: Promise.resolve({ id: f.publishedContentId }),
          },
        ),
      "GET app/api/assets/[id]/thumbnail/route.ts": (h) =>
        assetThumbnail(
          new Request(`http://test/api/assets/${f.publishedContentId}/thumbnail?brandId=${b}`, {
            headers: h,
          }),
          { params: Promise.resolve({ id: f.publishedContentId }) },
        ),
      "GET app/(app)/admin/audit/export/route.ts": (h) =>
        auditExport(
          new Request(`http://test/admin/audit/export?brandId=${b}&format=jsonl`, { headers: h }),
          undefined,
        ),
    };
    const deviations: string[] = [];
    let calls = 0;
    for (const [route, allowed] of Object.entries(APP_ROUTES)) {
      if (allowed === "public") continue;
      const run = call[route];
      expect(run, `no probe for ${route}`).toBeDefined();
      for (const [name, s] of Object.entries(sessions)) {
        const expected = !s.cookie
          ? 401
          : s.role && allowed.includes(s.role)
            ? "allowed"
            : s.role
              ? 403
              : name.startsWith("forged")
                ? 401
                : 403;
        const res = await run!({ ...(s.cookie ? { cookie: s.cookie } : {}), ...s.extra });
        await res.arrayBuffer().catch(() => {});
        calls++;
        const ok =
          expected === "allowed"
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : res.status === expected;
        if (!ok) deviations.push(`${route} as ${name}: expected ${expected}, got ${res.status}`);
      }
    }
    expect(deviations).toEqual([]);
    console.log(`[chaos] authz route-handler matrix: ${calls} calls, 0 deviations`);
  });
});
