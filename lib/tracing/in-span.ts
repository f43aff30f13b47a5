import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  ROOT_CONTEXT,
} from "@opentelemetry/api";
import { ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";
import { tracingState } from "./state";
import { tracer } from "./tracer";

export { SpanKind, type Span };

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent, when it is not the active context (a job's carried traceparent). */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` inside a span named `name`, active for everything `fn` awaits, ended when it
 * settles; a throw marks the span an error (with the error's class) and propagates. With
 * tracing off `fn` runs directly and gets no span.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracingState.enabled) return fn(undefined);
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await fn(span);
    } catch (err) {
      markError(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

export function markError(span: Span, err: unknown): void {
  const type = err instanceof Error ? ((err as { code?: unknown }).code ?? err.name) : "unknown";
  span.setAttribute(ATTR_ERROR_TYPE, String(type));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : undefined });
}

/**
 * A span for work that has already happened (a model attempt recorded after the fact), as a
 * child of the active span; nothing when tracing is off or no trace is active.
 */
export function recordFinishedSpan(
  name: string,
  options: {
    startTime: Date;
    durationMs: number;
    attributes: Attributes;
    error?: string | null;
    kind?: SpanKind;
  },
): void {
  if (!tracingState.enabled) return;
  const parent = context.active();
  if (!trace.getSpan(parent)) return;
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.CLIENT, attributes: options.attributes, startTime: options.startTime },
    parent,
  );
  if (options.error) {
    span.setAttribute(ATTR_ERROR_TYPE, options.error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end(new Date(options.startTime.getTime() + options.durationMs));
}

/** Sets attributes on the active span, if any (a route's template once the router knows it). */
export function annotateActiveSpan(attributes: Attributes, name?: string): void {
  if (!tracingState.enabled) return;
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttributes(attributes);
  if (name) span.updateName(name);
}

/**
 * Synchronous work as a child span of the active one (a governance check): nothing when
 * tracing is off or no trace is active, so hot loops outside a trace pay nothing.
 */
export function inChildSpanSync<T>(
  name: string,
  attributes: Attributes,
  fn: () => T,
  describe?: (value: T) => Attributes,
): T {
  if (!tracingState.enabled) return fn();
  const parent = context.active();
  if (!trace.getSpan(parent)) return fn();
  const span = tracer().startSpan(name, { attributes }, parent);
  try {
    const value = fn();
    if (describe) span.setAttributes(describe(value));
    return value;
  } catch (err) {
    markError(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** A link to the active span, for a span that starts under another parent (a stored trace). */
export function linkToActiveSpan(): Link[] {
  if (!tracingState.enabled) return [];
  const span = trace.getActiveSpan();
  return span ? [{ context: span.spanContext() }] : [];
}

/**
 * Runs `fn` outside any trace: for a statement shared by many callers (group commit, the
 * attempt recorder's batches), which belongs to none of their traces — inside one, its
 * database span would land in whichever caller happened to start the batch.
 */
export function outsideTrace<T>(fn: () => T): T {
  if (!tracingState.enabled) return fn();
  return context.with(ROOT_CONTEXT, fn);
}
