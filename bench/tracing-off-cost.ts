/**
 * `node --import tsx bench/tracing-off-cost.ts`: what the tracing hook points cost with
 * OTEL_EXPORTER_OTLP_ENDPOINT unset, in CPU nanoseconds per call (process.cpuUsage over
 * 2 million calls, twice), beside the same work without the hook. A shared machine's load
 * moves bench:peers by ±50 %; this measures the hooks alone. See bench/README.md.
 */
import { inChildSpanSync, inSpan } from "@/lib/tracing/in-span";
import { traceLogFields } from "@/lib/tracing/log-fields";
import { currentTraceCarrier } from "@/lib/tracing/trace-context";
import { traceAttempt } from "@/lib/models/attempts/trace-attempt";
import type { AttemptRecord } from "@/lib/models/attempts/recorder";

const N = 2_000_000;
const nsPerCall = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return Math.round(((used.user + used.system) * 1000) / N);
};
let x = 0;
const work = () => ++x;
const attempt: AttemptRecord = {
  versionId: "v",
  requestId: "r",
  attempt: 1,
  servedAs: "primary",
  startedAt: new Date(),
  latencyMs: 1,
  tokensIn: 1,
  tokensOut: 1,
  outcome: "ok",
  errorClass: null,
  httpStatus: null,
  upstreamRequestId: null,
};
for (let round = 1; round <= 2; round++) {
  const figures = {
    "plain call": nsPerCall(() => {
      for (let i = 0; i < N; i++) work();
    }),
    "check span (inChildSpanSync)": nsPerCall(() => {
      for (let i = 0; i < N; i++) inChildSpanSync("check", {}, work);
    }),
    "model attempt span": nsPerCall(() => {
      for (let i = 0; i < N; i++) traceAttempt(attempt, {});
    }),
    "traceparent for a job or header": nsPerCall(() => {
      for (let i = 0; i < N; i++) currentTraceCarrier();
    }),
    "log mixin": nsPerCall(() => {
      for (let i = 0; i < N; i++) traceLogFields();
    }),
    "plain async call": nsPerCall(() => {
      for (let i = 0; i < N; i++) void (async () => work())();
    }),
    "async step (inSpan)": nsPerCall(() => {
      for (let i = 0; i < N; i++) void inSpan("step", {}, async () => work());
    }),
  };
  console.log(`round ${round}, ns per call:`, figures);
}
