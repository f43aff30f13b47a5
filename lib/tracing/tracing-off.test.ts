/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT unset, tracing is off and free: startTracing loads nothing,
 * spans are never created, nothing is carried into jobs, headers or rows, and log lines get
 * no trace fields. (tracing.test.ts in test/integration covers tracing on.)
 */
import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { annotateActiveSpan, inChildSpanSync, inSpan, linkToActiveSpan } from "./in-span";
import { traceLogFields } from "./log-fields";
import { parseOtlpHeaders, startTracing } from "./start-tracing";
import { tracingEnabled } from "./state";
import { contextFromCarrier, currentTraceCarrier, currentTraceparent } from "./trace-context";

describe("tracing off", () => {
  it("does not start without an endpoint", async () => {
    expect(await startTracing("test", parseEnv({}))).toBe(false);
    expect(tracingEnabled()).toBe(false);
    // The API's global provider is still the no-op one: nothing registered it.
    expect(trace.getTracerProvider().constructor.name).toBe("ProxyTracerProvider");
  });

  it("runs work without spans and carries nothing", async () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await inSpan("work", {}, async (span) => {
      expect(span).toBeUndefined();
      expect(currentTraceCarrier()).toEqual({});
      expect(currentTraceparent()).toBeNull();
      expect(traceLogFields()).toEqual({});
      expect(linkToActiveSpan()).toEqual([]);
      annotateActiveSpan({ a: 1 }, "renamed");
    });
    expect(inChildSpanSync("check", {}, () => 42)).toBe(42);
    expect(contextFromCarrier({ traceparent })).toBeUndefined();
  });

  it("passes a failure through unchanged", async () => {
    const boom = new Error("boom");
    await expect(inSpan("work", {}, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

describe("parseOtlpHeaders", () => {
  it("reads key=value pairs, trimmed and URL-decoded", () => {
    expect(parseOtlpHeaders("api-key=abc%3D%3D, x-team = growth")).toEqual({
      "api-key": "abc==",
      "x-team": "growth",
    });
    expect(parseOtlpHeaders(undefined)).toEqual({});
  });
});
