import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves on the entry point's IPC `{ type: "ready" }`; rejects if it exits first. */
  ready: Promise<void>;
}

/** Kept output per process: the tail, so a long-running cluster does not grow without bound. */
const MAX_OUTPUT = 8 * 1024 * 1024;

/**
 * Runs one of the product's entry points as its own process, as `npm start` does. With
 * `echo`, its lines are also written to this process's stdout, prefixed with its name.
 */
export function spawnEntry(name: string, entry: string, env: NodeJS.ProcessEnv, echo = false): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let out = "";
  const append = (d: Buffer) => {
    const text = d.toString("utf8");
    out += text;
    if (out.length > MAX_OUTPUT) out = out.slice(-MAX_OUTPUT / 2);
    if (echo)
      for (const line of text.split("\n")) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: { type?: string }) => m?.type === "ready" && resolve());
    void exited.then(({ code, signal }) =>
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${out.slice(-4000)}`)),
    );
  });
  ready.catch(() => {});
  return { name, child, output: () => out, exited, ready };
}

/** Runs an entry point to completion (the migration step); throws with its output on failure. */
export async function runEntry(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  echo = false,
): Promise<string> {
  const proc = spawnEntry(name, entry, env, echo);
  const { code, signal } = await proc.exited;
  if (code !== 0) throw new Error(`${name} failed (${signal ?? code}):\n${proc.output().slice(-4000)}`);
  return proc.output();
}

/** A loopback port nothing listens on right now (the OS picks it; released before use). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProc(proc: Proc, graceMs: number): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill("SIGTERM");
  const killer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(killer);
}
