import { createServer } from "node:net";
import { expect, it } from "vitest";
import { spawnEntry } from "@/test/spawn";

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

it("starts on MODEL_SERVER_PORT, says ready, serves the catalogue and stops on SIGTERM", async () => {
  const port = await freePort();
  const proc = spawnEntry("server/model-server.ts", { MODEL_SERVER_PORT: String(port) });
  await proc.ready;
  const res = await fetch(`http://127.0.0.1:${port}/v1/models`);
  const body = (await res.json()) as { data: { id: string }[] };
  expect(body.data.map((m) => m.id)).toContain("brandgate-copy-1");
  proc.child.kill("SIGTERM");
  expect(await proc.exited).toEqual({ code: 0, signal: null });
});
