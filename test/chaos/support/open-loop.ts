/**
 * Open-loop load: request n leaves at start + n / rps, whether or not earlier ones have come
 * back, so a slow server meets the same arrival rate instead of a politely slower client (no
 * coordinated omission). A 5 ms tick sends whatever is due, so a late tick catches up and the
 * average rate holds exactly. Each request's latency is taken with `performance.now()` from
 * the moment it was sent; `take()` hands over what completed since the previous call.
 */

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
export const round1 = (x: number) => Math.round(x * 10) / 10;

export interface LoadWindow {
  /** Latencies (ms) of the requests that completed in the window, ascending. */
  latencies: number[];
  /** The same, per kind of request. */
  byKind: Record<string, number[]>;
  errors: number;
}

export interface OpenLoopOptions {
  rps: number;
  total: number;
  /** Past this many in flight a request is not sent, and counted as shed. */
  maxInFlight: number;
  kindOf: (i: number) => string;
  /** Sends request i; resolves with why it failed, or null. */
  send: (i: number) => Promise<string | null>;
}

export function startOpenLoop(o: OpenLoopOptions) {
  const stats = {
    sent: 0,
    completed: 0,
    inFlight: 0,
    shed: 0,
    errors: 0,
    /** The longest a request left after its time: the load generator's own lateness. */
    maxLagMs: 0,
    failures: [] as string[],
    /** Every latency, per kind of request. */
    byKind: {} as Record<string, number[]>,
  };
  let window: LoadWindow = { latencies: [], byKind: {}, errors: 0 };

  async function fire(i: number, due: number) {
    if (stats.inFlight >= o.maxInFlight) {
      stats.shed++;
      return;
    }
    const kind = o.kindOf(i);
    stats.inFlight++;
    const t0 = performance.now();
    stats.maxLagMs = Math.max(stats.maxLagMs, t0 - due);
    let failure: string | null;
    try {
      failure = await o.send(i);
    } catch (err) {
      failure = `${kind} ${String(err)}`;
    }
    const ms = performance.now() - t0;
    stats.inFlight--;
    stats.completed++;
    window.latencies.push(ms);
    (window.byKind[kind] ??= []).push(ms);
    (stats.byKind[kind] ??= []).push(ms);
    if (failure) {
      stats.errors++;
      window.errors++;
      if (stats.failures.length < 10) stats.failures.push(failure);
    }
  }

  const start = performance.now();
  const ticker = setInterval(() => {
    const due = Math.min(o.total, Math.floor(((performance.now() - start) / 1000) * o.rps));
    for (; stats.sent < due; stats.sent++) void fire(stats.sent, start + (stats.sent * 1000) / o.rps);
    if (stats.sent >= o.total) clearInterval(ticker);
  }, 5);

  return {
    start,
    stats,
    /** What completed since the previous call. */
    take(): LoadWindow {
      const w = window;
      window = { latencies: [], byKind: {}, errors: 0 };
      w.latencies.sort((a, b) => a - b);
      for (const xs of Object.values(w.byKind)) xs.sort((a, b) => a - b);
      return w;
    },
    /** True once every request was sent and has come back (or failed). */
    finished: () => stats.sent >= o.total && stats.inFlight === 0,
    stop: () => clearInterval(ticker),
  };
}
