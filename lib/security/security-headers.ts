/**
 * The security headers, declared once: the UI's (proxy.ts, with a per-request CSP nonce for
 * Next's scripts) and the governed API's (server/api/app.ts, a policy that allows nothing, as
 * an API answer is never a page).
 */

/** A fresh nonce per request: 16 random bytes, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The pages' policy. Scripts only with this request's nonce ('strict-dynamic' lets Next's
 * nonce'd loader add its chunks). Styles allow inline: React's `style` attributes and the
 * template preview's own <style> (its srcdoc iframe inherits this policy) need it, and an
 * injected style cannot run code. Images from the app, data: and blob: (uploads' previews);
 * frames only srcdoc (the sandboxed template preview); nobody may frame the app.
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates strings for its call stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** An API answer is data, never a document: nothing may load or frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Features the app never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

/** The headers every answer carries, pages and API alike (the CSP is added by each). */
export function commonSecurityHeaders(publicUrl: string): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    // Only over https: HSTS on a plain-http origin is ignored by browsers, and on localhost it
    // would pin the developer's other local apps to https.
    ...(publicUrl.startsWith("https:") && {
      "strict-transport-security": "max-age=31536000; includeSubDomains",
    }),
  };
}
