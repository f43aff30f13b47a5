import type { FastifyReply, FastifyRequest } from "fastify";
import { logger } from "@/lib/log";

/** Often enough that proxies with a 30–60 s idle timeout keep the stream open. */
export const HEARTBEAT_MS = 15_000;

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
 * Streams `events` as text/event-stream (one `id:`/`event:`/`data:` block each, a comment
 * every HEARTBEAT_MS) and ends the response when they end. Errors before this point are
 * answered as JSON by the error handler; past it the status is sent, so an error is logged
 * and the stream closed (the client reconnects with Last-Event-ID).
 */
export async function streamEvents(
  req: FastifyRequest,
  reply: FastifyReply,
  events: AsyncIterable<ServerSentEvent>,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), HEARTBEAT_MS);
  try {
    for await (const e of events) {
      if (res.destroyed) break;
      res.write(`id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    }
  } catch (err) {
    logger().error({ err, requestId: req.id }, "event stream failed");
  } finally {
    clearInterval(heartbeat);
    res.end();
  }
}
