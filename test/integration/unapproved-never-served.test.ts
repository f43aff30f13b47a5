/**
 * The API's one promise, swept across every operation: content that is not approved — a
 * generation's fresh output waiting in review, a draft, changes requested, rejected, retired —
 * never leaves through any endpoint. Its text carries a marker word; every GET operation in
 * the OpenAPI document is called with every id we hold, and no answer may contain the marker.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentItems, contentRevisions, generations, placements, placementVariants } from "@/db/schema";
import { authenticateKey } from "@/lib/api-keys/authenticate-key";
import { principalRefOf } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { runGeneration } from "@/lib/generation/run-generation";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";

const MARKER = "Zephyrline";
const MARKED_COPY = `Our ${MARKER} rain shell keeps weekend hikers dry on every trail.`;
const HIDDEN_STATUSES = ["draft", "changes_requested", "rejected", "retired"] as const;

let f: ApiFixture;
let generationId: string;
const hiddenIds: string[] = [];

beforeAll(async () => {
  f = await startApiFixture();
  f.setUpstream({ kind: "ok", text: MARKED_COPY, json: JSON.stringify({ post: MARKED_COPY }) });

  // A generation made through the API: its content waits in review. Its job is run here, in
  // this process against this file's upstream, rather than by a queue worker: test files
  // share one database, and another file's worker could take the job.
  const auth = { authorization: `Bearer ${f.keys.all}`, "content-type": "application/json" };
  const res = await fetch(`${f.baseUrl}/api/v1/generations`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ templateVersionId: f.templateVersionId, brief: { summary: "Rain shells" } }),
  });
  expect(res.status).toBe(202);
  generationId = ((await res.json()) as { id: string }).id;
  const principal = (await authenticateKey(f.keys.all))!;
  await runGeneration({ actor: principalRefOf(principal, f.brandId), generationId });
  // runGeneration finishes a queued or running generation, so this is final unless another
  // file's worker is still storing the same result: then wait for it, briefly.
  let view = { status: "queued" };
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    const res = await fetch(`${f.baseUrl}/api/v1/generations/${generationId}`, { headers: auth });
    view = (await res.json()) as { status: string };
    if (!["queued", "running"].includes(view.status)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(view.status).toBe("succeeded");
  expect(JSON.stringify(view)).not.toContain(MARKER);
  const [generation] = await db().select().from(generations).where(eq(generations.id, generationId));
  const [inReview] = await db()
    .select()
    .from(contentItems)
    .where(eq(contentItems.id, generation!.contentItemId!));
  expect(inReview!.status).toBe("in_review");
  hiddenIds.push(inReview!.id);

  // One item in every other unapproved status, with the marker, like the published one.
  const [published] = await db().select().from(contentItems).where(eq(contentItems.id, f.publishedContentId));
  const [publishedRevision] = await db()
    .select()
    .from(contentRevisions)
    .where(eq(contentRevisions.id, published!.currentRevisionId!));
  for (const status of HIDDEN_STATUSES) {
    const [item] = await db()
      .insert(contentItems)
      .values({
        brandId: f.brandId,
        templateId: published!.templateId,
        channel: published!.channel,
        title: `${status} item`,
        status,
        // A retired item was published once.
        publishedAt: status === "retired" ? new Date() : null,
      })
      .returning();
    const [revision] = await db()
      .insert(contentRevisions)
      .values({
        ...publishedRevision!,
        id: randomUUID(),
        contentItemId: item!.id,
        slots: { post: MARKED_COPY },
        rendered: { text: MARKED_COPY },
      })
      .returning();
    await db()
      .update(contentItems)
      .set({ currentRevisionId: revision!.id })
      .where(eq(contentItems.id, item!.id));
    hiddenIds.push(item!.id);
  }
  // Every hidden item is also a variant of the placement, beside the approved one.
  const [placement] = await db().select().from(placements).where(eq(placements.key, f.placementKey));
  await db()
    .insert(placementVariants)
    .values(hiddenIds.map((contentItemId) => ({ placementId: placement!.id, contentItemId })));
});
afterAll(() => f.close());

type Doc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

describe("unapproved content is never served", () => {
  it("appears in no answer of any GET operation, whatever id is asked for", async () => {
    const doc = f.app.swagger() as unknown as Doc;
    const ids = [...hiddenIds, generationId, f.publishedContentId, f.webhookSubscriptionId];
    const values: Record<string, string[]> = {
      placement: [f.placementKey],
      deliveryId: [f.webhookDeliveryId],
    };
    let calls = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      if (!item.get) continue;
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const choices = names.map((n) => values[n] ?? ids);
      const combos = choices.reduce<string[][]>(
        (acc, c) => acc.flatMap((a) => c.map((v) => [...a, v])),
        [[]],
      );
      for (const combo of combos) {
        const path = names.reduce((p, n, i) => p.replace(`{${n}}`, encodeURIComponent(combo[i]!)), template);
        for (const query of ["", "?unit=u-1&limit=200", "?updated_since=2000-01-01T00:00:00Z&limit=200"]) {
          const res = await fetch(`${f.baseUrl}${path}${query}`, {
            headers: { authorization: `Bearer ${f.keys.all}` },
          });
          const text = await res.text();
          calls++;
          expect(res.status, `${path}${query}`).toBeLessThan(500);
          expect(text, `${path}${query} answered the marker`).not.toContain(MARKER);
        }
      }
    }
    // The sweep reached the content, placement and generation operations at least.
    expect(calls).toBeGreaterThan(3 * (ids.length * 3 + 2));
  });

  it("serves only the approved variant of a placement, to 200 different units", async () => {
    const served = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${f.baseUrl}/api/v1/placements/${f.placementKey}/content?unit=sweep-${i}`, {
        headers: { authorization: `Bearer ${f.keys.all}` },
      });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).not.toContain(MARKER);
      served.add((JSON.parse(body) as { id: string }).id);
    }
    expect([...served]).toEqual([f.publishedContentId]);
  });
});
