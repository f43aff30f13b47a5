import { trace, type Tracer } from "@opentelemetry/api";

let cached: Tracer | undefined;

/** Brandgate's own tracer; the SDK registered by startTracing backs it. */
export function tracer(): Tracer {
  cached ??= trace.getTracer("brandgate");
  return cached;
}
