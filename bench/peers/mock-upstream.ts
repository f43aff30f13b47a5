/**
 * The peer bench's upstream: an OpenAI-compatible `POST /v1/chat/completions` answering one
 * fixed completion, at once or after the delay last set by `POST /__bench/delay?ms=N` (the
 * orchestrator sets it before each step). Run as its own process; sends `{ port }` to its parent.
 */
import http from "node:http";

/** Copy the demo kit's output checks pass, so Brandgate serves what it got. */
const TEXT = "Our new rain jacket keeps weekend hikers dry on every trail.";
// One body for every call: the mock's own cost stays flat and equal for every target.
const BODY = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 0,
  model: "bench-mock",
  choices: [{ index: 0, message: { role: "assistant", content: TEXT }, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 12, total_tokens: 24 },
});
const HEADERS = { "content-type": "application/json", "content-length": String(Buffer.byteLength(BODY)) };

let delayMs = 0;

const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/__bench/delay")) {
    delayMs = Number(new URL(req.url, "http://x").searchParams.get("ms") ?? 0);
    req.resume();
    return res.end("ok");
  }
  // Reads the body but does not parse it: the answer does not depend on it.
  req.resume();
  req.on("end", () => {
    if (delayMs === 0) return res.writeHead(200, HEADERS).end(BODY);
    setTimeout(() => res.writeHead(200, HEADERS).end(BODY), delayMs);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as { port: number }).port });
});
process.on("disconnect", () => process.exit(0));
