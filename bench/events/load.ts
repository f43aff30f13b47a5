/**
 * Load shapes for the ingestion bench, for any `send` (an HTTP POST, a COPY):
 *
 * - open loop: calls start on a fixed schedule whatever the answers do, and each call's
 *   latency counts from its scheduled start, so a stall shows up as latency instead of
 *   quietly lowering the offered rate (no coordinated omission);
 * - closed loop: `concurrency` callers, each starting its next call when the last answered.
 *
 * A call that throws counts as an error, not as a latency.
 */

export interface LoadResult {
  calls: number;
  errors: number;
  /** Sum of what the successful calls returned (events accepted). */
  accepted: number;
  elapsedS: number;
  /** Milliseconds per successful call. */
  p50: number;
  p99: number;
  max: number;
  /** How late the client itself started calls (ms, p99): the load generator's own lag. */
  sendLagP99: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function summarise(
  latencies: number[],
  lags: number[],
  errors: number,
  accepted: number,
  elapsedS: number,
): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const lagSorted = Float64Array.from(lags).sort();
  return {
    calls: latencies.length + errors,
    errors,
    accepted,
    elapsedS,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    sendLagP99: lags.length ? percentile(lagSorted, 0.99) : 0,
  };
}

/** `callsPerSecond` calls for `seconds`, on schedule; resolves when every call has answered. */
export async function openLoop(o: {
  callsPerSecond: number;
  seconds: number;
  send: (n: number) => Promise<number>;
}): Promise<LoadResult> {
  const total = Math.round(o.callsPerSecond * o.seconds);
  const interval = 1000 / o.callsPerSecond;
  const latencies: number[] = [];
  const lags: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  let accepted = 0;
  const start = performance.now();
  const fire = (n: number, due: number) => {
    lags.push(performance.now() - due);
    pending.push(
      o.send(n).then(
        (a) => {
          latencies.push(performance.now() - due);
          accepted += a;
        },
        () => void errors++,
      ),
    );
  };
  await new Promise<void>((resolve) => {
    let n = 0;
    const tick = () => {
      const now = performance.now();
      for (; n < total && start + n * interval <= now; n++) fire(n, start + n * interval);
      if (n >= total) return resolve();
      setTimeout(tick, Math.max(0, start + n * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  return summarise(latencies, lags, errors, accepted, (performance.now() - start) / 1000);
}

/** `concurrency` callers back to back for `seconds`; calls in flight at the end are waited for. */
export async function closedLoop(o: {
  concurrency: number;
  seconds: number;
  send: (n: number) => Promise<number>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let accepted = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          // Not `accepted += await …`: that reads `accepted` before the await and loses updates.
          const a = await o.send(n++);
          accepted += a;
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarise(latencies, [], errors, accepted, (performance.now() - start) / 1000);
}
