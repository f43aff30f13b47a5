// The few parts of autocannon the API and peer benches use (it ships no types).
declare module "autocannon" {
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    "2xx": number;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    pipelining?: number;
    workers?: number;
    /** Per-request overrides; setupRequest may rewrite each request before it is sent. */
    requests?: {
      setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
      onResponse?: (status: number, body: string) => void;
    }[];
  }
  /** A promise of the result that is also an emitter of progress events. */
  interface Instance extends Promise<Result> {
    /** Each answer: its status, size and response time in (fractional) milliseconds. */
    on(
      event: "response",
      listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void,
    ): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
