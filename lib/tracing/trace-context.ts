/**
 * W3C trace context across process boundaries: into a job's payload, onto a webhook
 * request, into a stored row (a revision, a webhook event) and back out as a parent.
 */
import { context, propagation, ROOT_CONTEXT, trace, type Context } from "@opentelemetry/api";
import { z } from "zod";
import { tracingState } from "./state";

/** `version-traceid-spanid-flags`, as https://www.w3.org/TR/trace-context/ writes it. */
export const traceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, "must be a W3C traceparent");

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active span's context to carry on, or {} when tracing is off or no trace is active. */
export function currentTraceCarrier(): TraceCarrier {
  if (!tracingState.enabled) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return {};
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** Just the traceparent, for a column that stores where a piece of content's trace is. */
export function currentTraceparent(): string | null {
  return currentTraceCarrier().traceparent ?? null;
}

/**
 * The context a carried traceparent names, to start spans under; undefined when tracing is
 * off or nothing (valid) was carried, so the caller's span starts its own trace.
 */
export function contextFromCarrier(carrier: TraceCarrier | null | undefined): Context | undefined {
  if (!tracingState.enabled || !carrier?.traceparent) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/** Headers from an incoming request, as the propagator reads them. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}
