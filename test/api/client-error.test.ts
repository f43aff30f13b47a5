/** Requests Node's HTTP parser refuses before Fastify routes them still get the envelope. */
import net from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "@/server/api/app";

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  app = await buildApi();
  await app.listen({ host: "127.0.0.1", port: 0 });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(() => app.close());

/** Writes raw bytes and reads until the server closes the connection. */
function rawRequest(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.setEncoding("utf8").on("data", (c: string) => (answer += c));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function parse(answer: string) {
  const [head, body] = answer.split("\r\n\r\n");
  return { status: Number(head!.split(" ")[1]), head: head!, body: JSON.parse(body!) as unknown };
}

describe("requests the HTTP parser refuses", () => {
  it("answers malformed framing with a 400 in the envelope and closes the connection", async () => {
    const res = parse(
      await rawRequest("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"),
    );
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/connection: close/i);
    expect(res.body).toEqual({ error: { code: "bad_request", message: expect.any(String) } });
  });

  it("answers oversized headers with a 431 in the envelope", async () => {
    const res = parse(
      await rawRequest(`GET /api/v1/content HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
    );
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ error: { code: "headers_too_large", message: expect.any(String) } });
  });
});
