/**
 * Whether this process exports traces. Every span helper checks this first, so with
 * OTEL_EXPORTER_OTLP_ENDPOINT unset a hook point costs one boolean read: no span objects,
 * no context switches, and the OpenTelemetry SDK is never loaded (start-tracing.ts).
 */
export const tracingState = { enabled: false };

export function tracingEnabled(): boolean {
  return tracingState.enabled;
}
