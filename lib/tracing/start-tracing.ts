/**
 * Starts the OpenTelemetry Node SDK for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * The SDK and its exporter are imported here, dynamically, so a process without the variable
 * never loads them and @opentelemetry/api stays its no-op self.
 *
 * No auto-instrumentation: production runs esbuild bundles, where require-in-the-middle never
 * sees our code's imports. Spans are explicit (inSpan at each hop) plus database spans from
 * the driver wrapper (instrument-database.ts). Only traces are exported: metrics are
 * Prometheus's (/api/metrics) and logs stay pino's JSON on stdout, with trace ids on each line.
 */
import type { Env } from "@/lib/env";
import { instrumentDatabase } from "./instrument-database";
import { tracingState } from "./state";

export type TracedComponent = "web" | "workers" | "model-server" | "test";

let shutdown: (() => Promise<void>) | undefined;
let flush: (() => Promise<void>) | undefined;

/** `key=value,key2=value2` (OTEL_EXPORTER_OTLP_HEADERS), values URL-decoded as the spec says. */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(",").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim())];
    }),
  );
}

export async function startTracing(component: TracedComponent, env: Env): Promise<boolean> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT || tracingState.enabled) return tracingState.enabled;
  const url = `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
  const headers = parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS);
  const [{ NodeSDK }, { BatchSpanProcessor }, exporterModule] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/sdk-trace"),
    env.OTEL_EXPORTER_OTLP_PROTOCOL === "http/json"
      ? import("@opentelemetry/exporter-trace-otlp-http")
      : import("@opentelemetry/exporter-trace-otlp-proto"),
  ]);
  const exporter = new exporterModule.OTLPTraceExporter({ url, headers });
  const processor = new BatchSpanProcessor({ exporter });
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? `brandgate-${component}`,
    spanProcessors: [processor],
    // Traces only (see above): no OTLP metric reader, no log pipeline.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  await instrumentDatabase();
  tracingState.enabled = true;
  flush = () => processor.forceFlush();
  shutdown = async () => {
    tracingState.enabled = false;
    await sdk.shutdown();
  };
  return true;
}

/** Sends the spans still buffered (tests; before a process exits). */
export async function flushTracing(): Promise<void> {
  await flush?.();
}

/** Flushes and stops the SDK; spans after this are not recorded. */
export async function stopTracing(): Promise<void> {
  const current = shutdown;
  shutdown = undefined;
  flush = undefined;
  await current?.();
}
