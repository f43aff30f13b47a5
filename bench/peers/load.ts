/**
 * The load generator, in its own process so it does not share an event loop with any server:
 * autocannon, closed loop (one request in flight per connection), for a bounded time. Latency
 * comes from autocannon's per-response `response` event (hrtime, fractional ms), not from its
 * 1 ms histogram. Answers each `LoadJob` message with a `LoadResult`.
 */
import autocannon from "autocannon";

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  ok: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  elapsedS: number;
  /** Milliseconds, over the 2xx answers; null (NaN before IPC) when there were none. */
  p50: number;
  p975: number;
  p99: number;
  mean: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(job: LoadJob): Promise<LoadResult> {
  let times = new Float64Array(1 << 16);
  let n = 0;
  let errors = 0;
  const started = performance.now();
  const instance = autocannon({
    url: job.url,
    method: "POST",
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 200 || status > 299) return void errors++;
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = ms;
  });
  const result = await instance;
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = times.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    ok: n,
    errors: errors + result.errors, // autocannon counts a timeout as an error too
    elapsedS,
    p50: percentile(sorted, 50),
    p975: percentile(sorted, 97.5),
    p99: percentile(sorted, 99),
    mean: n ? sum / n : NaN,
  };
}

process.on("message", (job: LoadJob) => {
  void run(job).then((r) => process.send!(r));
});
process.on("disconnect", () => process.exit(0));
process.send!({ ready: true });
