import { trace } from "@opentelemetry/api";
import { tracingState } from "./state";

/** `{ traceId, spanId }` of the active span, for every log line written inside a trace. */
export function traceLogFields(): { traceId: string; spanId: string } | Record<string, never> {
  if (!tracingState.enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
