/**
 * Issue 10, item 6: clients that retry. 50 clients POST at once with one Idempotency-Key and
 * keep retrying while the first is in flight (409), as a well-behaved SDK does. Exactly one
 * execution happens, and every answer they end up with is byte-identical to the first:
 * status, stored headers and the raw body bytes — not merely equal JSON.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRuns, events, generations } from "@/db/schema";
import { db } from "@/lib/db";
import { startApiFixture, type ApiFixture } from "@/test/api/fixture";

const CLIENTS = 50;
let f: ApiFixture;

beforeAll(async () => {
  f = await startApiFixture();
});
afterAll(() => f.close());

interface Answer {
  status: number;
  replayed: boolean;
  headers: Record<string, string | null>;
  bytes: Buffer;
  tries: number;
}

/** One client: POSTs until it gets something other than 409 (in progress), like an SDK retrying. */
async function client(path: string, key: string, body: unknown): Promise<Answer> {
  for (let tries = 1; ; tries++) {
    const res = await fetch(`${f.baseUrl}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${f.keys.all}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status === 409 && tries < 200) {
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
      continue;
    }
    return {
      status: res.status,
      replayed: res.headers.get("idempotent-replayed") === "true",
      headers: { "content-type": res.headers.get("content-type"), location: res.headers.get("location") },
      bytes,
      tries,
    };
  }
}

async function storm(path: string, body: unknown) {
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: CLIENTS }, () => client(path, key, body)));
  // One more retry, long after: still the same bytes.
  answers.push(await client(path, key, body));
  return answers;
}

function expectOneExecutionByteIdentical(answers: Answer[], okStatus: number) {
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => okStatus));
  expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  const first = answers.find((a) => !a.replayed)!;
  for (const a of answers) {
    expect(a.headers).toEqual(first.headers);
    expect(a.bytes.equals(first.bytes), "a replay differs from the first answer").toBe(true);
  }
  return first;
}

describe("50 retrying clients, one Idempotency-Key", () => {
  it("POST /api/v1/checks: one check run, byte-identical answers", async () => {
    const runs = () => db().$count(checkRuns, eq(checkRuns.brandId, f.brandId));
    const before = await runs();
    const answers = await storm("/api/v1/checks", {
      brandId: f.brandId,
      text: "Fifty retries, one run.",
      channel: "social",
    });
    const first = expectOneExecutionByteIdentical(answers, 200);
    expect(await runs()).toBe(before + 1);
    expect(JSON.parse(first.bytes.toString()).text.checkRunId).toEqual(expect.any(String));
    console.log(
      `[chaos] idempotency /checks: ${answers.length} answers, 1 execution, ${answers.filter((a) => a.replayed).length} byte-identical replays, ${answers.reduce((n, a) => n + a.tries, 0)} requests`,
    );
  });

  it("POST /api/v1/generations: one generation queued, byte-identical 202s with one Location", async () => {
    const count = () => db().$count(generations, eq(generations.brandId, f.brandId));
    const before = await count();
    const answers = await storm("/api/v1/generations", {
      templateVersionId: f.templateVersionId,
      brief: { summary: "Fifty retries of one brief" },
    });
    const first = expectOneExecutionByteIdentical(answers, 202);
    expect(first.headers.location).toMatch(/\/api\/v1\/generations\//);
    expect(await count()).toBe(before + 1);
    console.log(
      `[chaos] idempotency /generations: ${answers.length} answers, 1 generation, ${answers.reduce((n, a) => n + a.tries, 0)} requests`,
    );
  });

  it("POST /api/v1/events: the batch is stored once, byte-identical answers", async () => {
    const eventId = randomUUID();
    const answers = await storm("/api/v1/events", {
      events: [
        {
          id: eventId,
          type: "impression",
          content_id: f.publishedContentId,
          unit: "u-idem",
          occurred_at: new Date().toISOString(),
        },
      ],
    });
    const first = expectOneExecutionByteIdentical(answers, 200);
    // A second execution would have answered `duplicates: 1`; every client saw the first one's answer.
    expect(JSON.parse(first.bytes.toString())).toEqual({ accepted: 1, duplicates: 0 });
    expect(await db().$count(events, eq(events.externalId, eventId))).toBe(1);
    console.log(`[chaos] idempotency /events: ${answers.length} answers, 1 stored batch`);
  });
});
