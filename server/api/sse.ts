import type { ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import { logger } from "@/lib/log";

/** Often enough that proxies with a 30–60 s idle timeout keep the stream open. */
export const HEARTBEAT_MS = 15_000;

export interface StreamLimits {
  heartbeatMs: number;
  /**
   * Bytes the server may hold for one client (the response's and its socket's buffers). A write
   * that would go past it closes the connection: a client that does not read cannot grow the
   * server's memory.
   */
  maxBufferedBytes: number;
  /** How long a write may wait for the client to drain the buffer before the connection is closed. */
  stallTimeoutMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  heartbeatMs: HEARTBEAT_MS,
  maxBufferedBytes: 1024 * 1024,
  stallTimeoutMs: 30_000,
};

export interface ServerSentEvent {
  id: number;
  event: string;
  data: unknown;
}

/** Aborts when the client goes away before the response has ended. */
export function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Writes to a response the way a slow reader needs: a write that `res.write()` answers `false`
 * waits for 'drain' (or the close, or the stall timeout, which closes the connection), and a
 * write past `maxBufferedBytes` closes the connection instead of buffering. Resolves to whether
 * the stream is still open.
 */
export function boundedWriter(res: ServerResponse, limits: StreamLimits) {
  let stalledSince: number | null = null;
  res.on("drain", () => (stalledSince = null));
  const cut = (why: string) => {
    logger().warn({ buffered: res.writableLength, why }, "closing a slow event-stream client");
    res.destroy();
  };
  return {
    /** Whether the stream has waited for 'drain' longer than the stall timeout. */
    stalledTooLong: () => stalledSince !== null && Date.now() - stalledSince > limits.stallTimeoutMs,
    /** True while the client has not drained what was written. */
    backedUp: () => res.writableNeedDrain,
    cut,
    async write(chunk: string): Promise<boolean> {
      if (res.destroyed) return false;
      if (res.writableLength + Buffer.byteLength(chunk) > limits.maxBufferedBytes) {
        cut("buffer full");
        return false;
      }
      if (res.write(chunk)) return true;
      stalledSince ??= Date.now();
      const drained = await new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          res.off("drain", onDrain);
          res.off("close", onClose);
          resolve(ok);
        };
        const onDrain = () => done(true);
        const onClose = () => done(false);
        const timer = setTimeout(() => done(false), limits.stallTimeoutMs);
        res.once("drain", onDrain);
        res.once("close", onClose);
      });
      if (!drained && !res.destroyed) cut("stalled");
      return drained;
    },
  };
}

/**
 * Streams `events` as text/event-stream (one `id:`/`event:`/`data:` block each, a comment
 * every heartbeat) and ends the response when they end. Errors before this point are
 * answered as JSON by the error handler; past it the status is sent, so an error is logged
 * and the stream closed (the client reconnects with Last-Event-ID). The heartbeat stops when
 * the client goes, not at the next event; the iterator is returned then too.
 */
export async function streamEvents(
  req: FastifyRequest,
  reply: FastifyReply,
  events: AsyncIterable<ServerSentEvent>,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const writer = boundedWriter(res, limits);
  const heartbeat = setInterval(() => {
    // A backed-up stream gets no heartbeat (the client is not reading them); one stuck past the
    // stall timeout while no event is being written is closed here.
    if (writer.stalledTooLong()) writer.cut("stalled");
    else if (!writer.backedUp()) void writer.write(": heartbeat\n\n");
  }, limits.heartbeatMs);
  const closed = new Promise<null>((resolve) =>
    res.once("close", () => {
      clearInterval(heartbeat);
      resolve(null);
    }),
  );
  const iterator = events[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const pending = iterator.next();
      pending.catch(() => undefined); // a rejection after the client left is nobody's to handle
      const next = await Promise.race([pending, closed]);
      if (next === null || next.done) {
        finished = next !== null;
        break;
      }
      const e = next.value;
      const open = await writer.write(`id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
      if (!open) break;
    }
  } catch (err) {
    logger().error({ err, requestId: req.id }, "event stream failed");
  } finally {
    clearInterval(heartbeat);
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
    if (!res.destroyed) res.end();
  }
}
