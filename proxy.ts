import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { commonSecurityHeaders, newNonce, pageContentSecurityPolicy } from "@/lib/security/security-headers";

/**
 * Next 16's proxy (formerly middleware): a Content-Security-Policy with a fresh nonce on every
 * page. Next reads the nonce from the request's CSP header and puts it on its own scripts;
 * the same policy goes on the response, with the other security headers
 * (lib/security/security-headers.ts). Pages are rendered per request (they read the session),
 * so each gets its own nonce.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, { dev: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders(env.PUBLIC_URL)))
    response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages and UI route handlers; not Next's static files (immutable, and a policy on them
  // governs nothing), nor the prefetches that carry no document.
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
