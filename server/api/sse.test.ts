/**
 * Issue 23, item 4: server-sent events over a real socket. A client that connects and never
 * reads cannot grow the server's buffer past the limit and is disconnected; the heartbeat
 * timer is cleared when the client goes, even while no event is coming.
 */
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { ServerResponse } from "node:http";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { streamEvents, type ServerSentEvent, type StreamLimits } from "./sse";

const EVENT_BYTES = 16 * 1024;
/** More than loopback's socket buffers hold, so a client that does not read backs the stream up. */
const TOTAL_EVENTS = 4000;

let app: FastifyInstance | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.close();
  app = null;
});

async function serve(limits: StreamLimits, events: (res: ServerResponse) => AsyncIterable<ServerSentEvent>) {
  app = Fastify();
  const seen: { res?: ServerResponse } = {};
  app.get("/events", async (req, reply) => {
    seen.res = reply.raw;
    await streamEvents(req, reply, events(reply.raw), limits);
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { port: (app.server.address() as AddressInfo).port, seen };
}

/** A raw client that sends the request and then never reads: its socket is paused from the start. */
function stubbornClient(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" }, () => {
      socket.write("GET /events HTTP/1.1\r\nhost: x\r\n\r\n");
      resolve(socket);
    });
    socket.pause();
  });
}

describe("streamEvents", () => {
  it("holds at most the buffer limit for a client that never reads, then closes the connection", async () => {
    const limits = { heartbeatMs: 60_000, maxBufferedBytes: 256 * 1024, stallTimeoutMs: 500 };
    let maxBuffered = 0;
    let produced = 0;
    let returned = false;
    const { port, seen } = await serve(limits, (res) =>
      (async function* () {
        try {
          const data = "x".repeat(EVENT_BYTES);
          for (let id = 1; id <= TOTAL_EVENTS; id++) {
            maxBuffered = Math.max(maxBuffered, res.writableLength);
            produced++;
            yield { id, event: "chunk", data };
          }
        } finally {
          returned = true;
        }
      })(),
    );
    const client = await stubbornClient(port);
    const serverClosed = await new Promise<boolean>((resolve) => {
      const wait = () => (seen.res ? seen.res.once("close", () => resolve(true)) : setImmediate(wait));
      wait();
    });
    client.destroy();

    expect(serverClosed).toBe(true);
    expect(seen.res!.destroyed).toBe(true);
    // Never more than the limit in the server's own buffers (the kernel's are the kernel's)…
    expect(maxBuffered).toBeLessThanOrEqual(limits.maxBufferedBytes);
    // …and the producer was stopped, not drained into memory: it did not run to the end.
    expect(produced).toBeLessThan(TOTAL_EVENTS);
    expect(returned).toBe(true);
  });

  it("clears the heartbeat when the client goes, while no event is coming", async () => {
    const created: unknown[] = [];
    const realSetInterval = globalThis.setInterval;
    vi.spyOn(globalThis, "setInterval").mockImplementation(((fn: () => void, ms: number) => {
      const handle = realSetInterval(fn, ms);
      created.push(handle);
      return handle;
    }) as typeof setInterval);
    const cleared = vi.spyOn(globalThis, "clearInterval");
    let release!: () => void;
    const { port, seen } = await serve(
      { heartbeatMs: 50, maxBufferedBytes: 64 * 1024, stallTimeoutMs: 500 },
      () =>
        (async function* () {
          // An event source that is silent until the test ends (as a generation waits in a queue).
          await new Promise<void>((resolve) => (release = resolve));
          yield { id: 1, event: "status", data: {} };
        })(),
    );
    const client = connect({ port, host: "127.0.0.1" });
    client.write("GET /events HTTP/1.1\r\nhost: x\r\n\r\n");
    // Read until the first heartbeat has arrived: the timer is running.
    await new Promise<void>((resolve) => {
      let text = "";
      client.on("data", (c: Buffer) => {
        text += c.toString();
        if (text.includes(": heartbeat")) resolve();
      });
    });
    const heartbeat = created.at(-1);
    expect(cleared).not.toHaveBeenCalledWith(heartbeat);

    client.destroy();
    await new Promise<void>((resolve) => seen.res!.once("close", () => setImmediate(resolve)));
    expect(cleared).toHaveBeenCalledWith(heartbeat);
    release();
  });
});
