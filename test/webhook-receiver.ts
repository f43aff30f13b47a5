import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  answeredWith: number;
}

/**
 * A real webhook endpoint on 127.0.0.1. `status` decides each answer; `accepted` counts each
 * event id answered 2xx, as a receiver that dedupes on `webhook-id` would.
 */
export async function startReceiver(
  status: (req: { attempt: number; eventId: string }) => number = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  const accepted = new Map<string, number>();
  const attemptsByEvent = new Map<string, number>();
  let answer = status;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const eventId = String(req.headers["webhook-id"] ?? "");
      const attempt = (attemptsByEvent.get(eventId) ?? 0) + 1;
      attemptsByEvent.set(eventId, attempt);
      const code = answer({ attempt, eventId });
      received.push({
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        answeredWith: code,
      });
      if (code >= 200 && code < 300) accepted.set(eventId, (accepted.get(eventId) ?? 0) + 1);
      res.writeHead(code, { "content-type": "text/plain" }).end(code >= 300 ? "receiver says no" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    accepted,
    setStatus(next: typeof status) {
      answer = next;
    },
    forEvent: (eventId: string) => received.filter((r) => r.headers["webhook-id"] === eventId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
