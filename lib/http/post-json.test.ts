import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "@/lib/http/testing/listen";
import { jsonPoster, PostTimeoutError } from "./post-json";

let server: { baseUrl: string; close: () => Promise<void> };
const seen: { path: string; body: string; auth?: string }[] = [];
beforeAll(async () => {
  server = await listen(
    http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ path: req.url!, body, auth: req.headers.authorization });
        if (req.url === "/redirect") {
          res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
        } else if (req.url === "/hang") {
          // never answers
        } else if (req.url === "/text") {
          res.writeHead(503, { "retry-after": "2" }).end("busy");
        } else {
          res.writeHead(200, { "content-type": "application/json", "x-request-id": "r1" });
          res.end(JSON.stringify({ echo: JSON.parse(body) }));
        }
      });
    }),
  );
});
afterAll(() => server.close());
let origin = "";
beforeAll(() => void (origin = new URL(server.baseUrl).origin));

describe("jsonPoster", () => {
  const post = jsonPoster();
  it("posts JSON and reads the answer, headers by lower-case name", async () => {
    const answer = await post(
      new URL(`${origin}/echo`),
      { a: 1 },
      { headers: { authorization: "Bearer k" } },
    );
    expect(answer).toMatchObject({ status: 200, json: { echo: { a: 1 } } });
    expect(answer.headers["x-request-id"]).toBe("r1");
    expect(seen.at(-1)).toMatchObject({ path: "/echo", body: '{"a":1}', auth: "Bearer k" });
  });

  it("answers a non-JSON body as text, and never follows a redirect", async () => {
    expect(await post(new URL(`${origin}/text`), {})).toMatchObject({
      status: 503,
      text: "busy",
      json: undefined,
    });
    expect(await post(new URL(`${origin}/redirect`), {})).toMatchObject({ status: 302 });
  });

  it("gives up after timeoutMs, and on the caller's signal", async () => {
    await expect(post(new URL(`${origin}/hang`), {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      PostTimeoutError,
    );
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await expect(post(new URL(`${origin}/hang`), {}, { signal: abort.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("refuses private addresses when guarded, by IP literal and by name", async () => {
    const guarded = jsonPoster(() => false);
    await expect(guarded(new URL(`${origin}/echo`), {})).rejects.toThrow(/private or reserved/);
    const port = new URL(server.baseUrl).port;
    await expect(guarded(new URL(`http://localhost:${port}/echo`), {})).rejects.toThrow();
    const before = seen.length;
    expect(seen.length).toBe(before);
    // Allowed when the operator says so.
    expect((await jsonPoster(() => true)(new URL(`${origin}/echo`), {})).status).toBe(200);
  });
});
