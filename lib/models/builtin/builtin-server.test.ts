/** The built-in server driven by the official openai client, as the gateway and any tool would. */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "@/lib/http/testing/listen";
import { createBuiltinModelServer } from "./create-builtin-server";

let close: () => Promise<void>;
let client: OpenAI;

beforeAll(async () => {
  const started = await listen(createBuiltinModelServer());
  close = started.close;
  client = new OpenAI({ baseURL: started.baseUrl, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => close());

const messages: OpenAI.ChatCompletionMessageParam[] = [
  {
    role: "system",
    content:
      "You write for Acme Outdoor. Voice: warm, rugged, plain-spoken.\nApproved copy examples:\n- Built for the trail and the long way home.\n- Gear that earns its place in your pack.",
  },
  { role: "user", content: "Launch email for the new waterproof hiking boots for weekend hikers" },
];

describe("built-in model server", () => {
  it("lists its models", async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(["brandgate-copy-1", "brandgate-copy-2"]);
  });

  it("answers a chat completion with copy from the brief and voice, and usage counts", async () => {
    const r = await client.chat.completions.create({ model: "brandgate-copy-1", messages, seed: 1 });
    const text = r.choices[0]!.message.content!;
    expect(r.object).toBe("chat.completion");
    expect(r.choices[0]!.finish_reason).toBe("stop");
    expect(text.toLowerCase()).toContain("boots");
    expect(text.split("\n\n")).toHaveLength(3); // headline, body, call to action
    expect(r.usage!.prompt_tokens).toBeGreaterThan(20);
    expect(r.usage!.completion_tokens).toBeGreaterThan(5);
    expect(r.usage!.total_tokens).toBe(r.usage!.prompt_tokens + r.usage!.completion_tokens);
  });

  it("is deterministic given a seed", async () => {
    const ask = (seed: number) =>
      client.chat.completions
        .create({ model: "brandgate-copy-2", messages, seed })
        .then((r) => r.choices[0]!.message.content);
    expect(await ask(42)).toBe(await ask(42));
    const others = await Promise.all([1, 2, 3, 4].map(ask));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it("streams chunks the client assembles into the same text as the non-streaming answer", async () => {
    const whole = await client.chat.completions.create({ model: "brandgate-copy-1", messages, seed: 9 });
    const stream = await client.chat.completions.create({
      model: "brandgate-copy-1",
      messages,
      seed: 9,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? "";
      finish ??= chunk.choices[0]?.finish_reason;
      usage ??= chunk.usage ?? undefined;
    }
    expect(chunks).toBeGreaterThan(5);
    expect(text).toBe(whole.choices[0]!.message.content);
    expect(finish).toBe("stop");
    expect(usage).toEqual(whole.usage);
  });

  it("answers JSON mode with the fields named in the instruction", async () => {
    const r = await client.chat.completions.create({
      model: "brandgate-copy-1",
      messages: [
        { role: "system", content: "Respond with one JSON object with these string fields: headline, body" },
        ...messages,
      ],
      response_format: { type: "json_object" },
      seed: 3,
    });
    const parsed = JSON.parse(r.choices[0]!.message.content!);
    expect(Object.keys(parsed)).toEqual(["headline", "body"]);
    expect(parsed.body.length).toBeGreaterThan(parsed.headline.length);
  });

  it("answers json_schema with the schema's slot fields, streamed too", async () => {
    const stream = await client.chat.completions.create({
      model: "brandgate-copy-2",
      messages,
      stream: true,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "slots",
          schema: {
            type: "object",
            properties: {
              headline: { type: "string" },
              preheader: { type: "string" },
              cta: { type: "string" },
            },
          },
        },
      },
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(Object.keys(JSON.parse(text))).toEqual(["headline", "preheader", "cta"]);
  });

  it("stops at max_tokens with finish_reason length", async () => {
    const r = await client.chat.completions.create({
      model: "brandgate-copy-2",
      messages,
      seed: 1,
      max_tokens: 5,
    });
    expect(r.choices[0]!.finish_reason).toBe("length");
    expect(r.usage!.completion_tokens).toBe(5);
  });

  it("answers errors in OpenAI's shape, which the client maps to its error classes", async () => {
    await expect(client.chat.completions.create({ model: "nope", messages })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(
      client.chat.completions.create({ model: "brandgate-copy-1", messages: [] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
