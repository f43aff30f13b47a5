import { db } from "@/lib/db";

/** How long a probe may take before the database counts as unreachable. */
export const PROBE_TIMEOUT_MS = 1000;
/** How long a failed probe's answer stands before the next request probes again. */
const DOWN_FOR_MS = 1000;

let lastDown: number | null = null;
let inflight: Promise<boolean> | null = null;

/**
 * Can the database answer now? `select 1` on the pool, bounded by PROBE_TIMEOUT_MS: a
 * black-holed connection never answers, and neither does a pool whose connections are all
 * stuck on one. One probe at a time; a failure is remembered for a second, so requests during
 * an outage are refused at once instead of each waiting for its own probe.
 */
export function databaseReachable(): Promise<boolean> {
  if (lastDown !== null && Date.now() - lastDown < DOWN_FOR_MS) return Promise.resolve(false);
  inflight ??= probe().finally(() => (inflight = null));
  return inflight;
}

/** True while a recent probe failed: callers skip the probe and refuse. */
export function databaseKnownDown(): boolean {
  return lastDown !== null;
}

async function probe(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  const query = db().$client`select 1`.then(() => true).catch(() => false);
  const up = await Promise.race([query, timeout]);
  clearTimeout(timer);
  lastDown = up ? null : Date.now();
  return up;
}
