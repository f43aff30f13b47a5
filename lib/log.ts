import pino from "pino";
import { getEnv } from "./env";
import { traceLogFields } from "./tracing/log-fields";

let root: pino.Logger | undefined;

/** Structured JSON logs; `child({ requestId })` carries the request id through a request. */
export function logger(): pino.Logger {
  root ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { svc: process.title === "node" ? undefined : process.title },
    // Inside a trace, every line names it (traceId, spanId); with tracing off this adds nothing.
    mixin: traceLogFields,
    redact: {
      paths: [
        "password",
        "*.password",
        "authorization",
        "*.authorization",
        "cookie",
        "*.cookie",
        "secret",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  });
  return root;
}

export function requestLogger(requestId: string): pino.Logger {
  return logger().child({ requestId });
}
