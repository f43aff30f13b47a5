/**
 * How long an upstream asked us to wait, in ms: `retry-after-ms` (OpenAI's), else
 * `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent
 * or unreadable; a date in the past means "now".
 */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names a weekday and month; Date.parse alone would accept "-1" as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
