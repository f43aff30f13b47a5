// The few parts of autocannon's result the API bench reads (it ships no types).
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
    pipelining?: number;
    workers?: number;
    /** Per-request overrides; setupRequest may rewrite each request before it is sent. */
    requests?: {
      setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
      onResponse?: (status: number, body: string) => void;
    }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
