import { expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after";

const now = Date.parse("2026-01-01T00:00:00Z");
const h = (init: Record<string, string>) => new Headers(init);

it("reads delay-seconds, HTTP dates and OpenAI's retry-after-ms", () => {
  expect(parseRetryAfter(h({ "retry-after": "3" }), now)).toBe(3000);
  expect(parseRetryAfter(h({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5000);
  expect(parseRetryAfter(h({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), now)).toBe(0);
  expect(parseRetryAfter(h({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
});

it("ignores what it cannot read", () => {
  expect(parseRetryAfter(h({ "retry-after": "soon" }), now)).toBeUndefined();
  expect(parseRetryAfter(h({ "retry-after": "-1" }), now)).toBeUndefined();
  expect(parseRetryAfter(h({}), now)).toBeUndefined();
  expect(parseRetryAfter(undefined, now)).toBeUndefined();
});
