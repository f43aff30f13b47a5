/**
 * The custom server writes the caller's address into this header, replacing whatever the
 * client sent, so code behind it (rate limits, session records) can trust it.
 */
export const CLIENT_ADDRESS_HEADER = "x-brandgate-client-address";
export const REQUEST_ID_HEADER = "x-request-id";

/** Headers a client must never be able to set on requests that reach Next.js. */
export const INTERNAL_HEADERS = [
  CLIENT_ADDRESS_HEADER,
  // CVE-2025-29927: this header made Next.js skip middleware. Authorization here never relies
  // on middleware, and the header is removed before Next.js sees a request.
  "x-middleware-subrequest",
  "x-middleware-prefetch",
  "x-middleware-invoke",
  "x-invoke-path",
  "x-invoke-query",
  "x-invoke-output",
  "x-now-route-matches",
];

/** The client address: the socket's, or with a trusted proxy the last hop it appended. */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const hops = forwardedFor
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  return remote ?? "unknown";
}
