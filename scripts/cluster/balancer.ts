/**
 * A small round-robin HTTP balancer for the local cluster (what nginx's `upstream` block does
 * in front of the web instances). Requests go to the next upstream in turn. An upstream that
 * refuses the connection is marked down for `downMs` and the request goes to the next one:
 * nothing reached it, so even a POST is safe to send elsewhere. Any other failure (a reset
 * after the request was sent) is answered 502 and not retried here: the request may have
 * run, and only the client, with its idempotency key or event ids, can retry it safely.
 */
import http from "node:http";

export interface Balancer {
  url: string;
  /** Requests sent to each upstream (by index), for tests. */
  counts: number[];
  close: () => Promise<void>;
}

export async function startBalancer(options: {
  upstreams: string[];
  port?: number;
  downMs?: number;
}): Promise<Balancer> {
  const upstreams = options.upstreams.map((u) => new URL(u));
  const downUntil = upstreams.map(() => 0);
  const counts = upstreams.map(() => 0);
  const downMs = options.downMs ?? 2000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;

  const pick = (tried: Set<number>): number | null => {
    const now = Date.now();
    for (let i = 0; i < upstreams.length; i++) {
      const at = (next + i) % upstreams.length;
      if (!tried.has(at) && downUntil[at]! <= now) {
        next = at + 1;
        return at;
      }
    }
    // Every upstream is down or tried: try one not yet tried anyway, rather than give up.
    const rest = upstreams.map((_, i) => i).filter((i) => !tried.has(i));
    return rest[0] ?? null;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => forward(req, res, Buffer.concat(chunks), new Set()));
  });

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: Set<number>) => {
    const at = pick(tried);
    if (at === null) {
      res.writeHead(502, { "content-type": "text/plain" }).end("no upstream available");
      return;
    }
    tried.add(at);
    counts[at]!++;
    const target = upstreams[at]!;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress]
      .filter(Boolean)
      .join(", ");
    const upstream = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", (err: NodeJS.ErrnoException) => {
      downUntil[at] = Date.now() + downMs;
      if (err.code === "ECONNREFUSED" && !res.headersSent) return forward(req, res, body, tried);
      if (!res.headersSent)
        res.writeHead(502, { "content-type": "text/plain" }).end(`upstream failed: ${err.code}`);
      else res.destroy();
    });
    upstream.end(body);
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
