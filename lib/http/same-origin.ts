import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing browser request that did not come from the app's own pages.
 * SameSite=Lax lets the session cookie ride along from any page of the same *site* (a sibling
 * subdomain, another port of the same host), so the cookie alone proves nothing.
 *
 * Browsers send Origin on every POST/PUT/PATCH/DELETE; it must be the app's public origin or
 * the origin of the Host the request was sent to. Without Origin, Sec-Fetch-Site must not say
 * the request came from elsewhere. A request with neither is not from a browser, which cannot
 * be made to send a victim's cookie, so it passes (the session still authorizes it in lib).
 */
export function assertSameOrigin(method: string, headers: Headers, publicUrl: string): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === new URL(publicUrl).origin) return;
    const host = headers.get("host");
    if (host !== null && originHost(origin) === host.toLowerCase()) return;
    throw crossOrigin();
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw crossOrigin();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // "null" (sandboxed frames, file:) and anything malformed
  }
}

function crossOrigin(): AppError {
  return new AppError("forbidden", "Cross-origin request refused: the Origin is not this app's");
}
