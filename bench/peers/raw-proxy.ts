/**
 * The floor: a bare `node:http` pass-through to the mock upstream over a keep-alive agent,
 * streaming the request and the answer as they are. Run as its own process with `UPSTREAM`
 * (`http://127.0.0.1:<port>`); sends `{ port }` to its parent.
 */
import http from "node:http";

const upstream = new URL(process.env.UPSTREAM!);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host };
  const out = http.request(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  out.on("error", () => res.writeHead(502).end());
  req.pipe(out);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as { port: number }).port });
});
process.on("disconnect", () => process.exit(0));
