/**
 * Issue 23, item 6: every page answers with a Content-Security-Policy carrying a fresh nonce
 * (and frame-ancestors 'none', Referrer-Policy, Permissions-Policy), Next's scripts run under
 * it (the pages hydrate), the browser reports no CSP violation across the main pages, and the
 * template preview still renders in its sandboxed srcdoc iframe. /api/v1 answers carry the
 * headers too.
 */
import { expect, test, type Page, type Response } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { SignInPage } from "./pages/sign-in-page";

const PAGES = [
  "/studio",
  "/library",
  "/library/placements",
  "/brand",
  "/brand/edit",
  "/assets",
  "/templates",
  "/review",
  "/review/chat",
  "/models",
  "/models/drift",
  "/rollouts",
  "/admin",
  "/admin/api-keys",
  "/admin/audit",
  "/admin/jobs",
  "/admin/webhooks",
  "/admin/workflows",
  "/docs/api",
];

/** Collects CSP violations: the console's reports and the document's securitypolicyviolation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`,
      );
    });
  });
  return violations;
}

function expectSecurityHeaders(response: Response | null, seenNonces: Set<string>) {
  expect(response, "a document response").not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, response!.url()).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, "a nonce in script-src").toBeTruthy();
  expect(seenNonces.has(nonce!), "a fresh nonce per request").toBe(false);
  seenNonces.add(nonce!);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-content-type-options"]).toBe("nosniff");
}

test("every main page carries the CSP with a fresh nonce and the browser reports no violation", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const violations = await watchViolations(page);
  const seen = new Set<string>();

  const signIn = new SignInPage(page);
  const signInResponse = await page.goto("/signin");
  expectSecurityHeaders(signInResponse, seen);
  // The sign-in form works only once hydrated: Next's nonce'd scripts ran.
  await page.waitForLoadState("networkidle");
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  for (const path of PAGES) {
    const response = await page.goto(path);
    expectSecurityHeaders(response, seen);
    await page.waitForLoadState("networkidle");
    // The document's scripts carry this response's nonce (chunks Next's loader adds later
    // carry none: 'strict-dynamic' trusts them), none carries another.
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"]!)![1]!;
    const nonces = await page
      .locator("script")
      .evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
    expect(nonces, path).toContain(nonce);
    expect(
      nonces.filter((n) => n && n !== nonce),
      path,
    ).toEqual([]);
  }

  // The template preview: sandboxed srcdoc iframe, rendered under the inherited policy.
  await page.goto("/templates");
  await page.getByRole("link", { name: /newsletter/i }).click();
  const frame = page.getByTestId("template-preview").first().locator("iframe");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(frame.contentFrame().locator("body")).not.toBeEmpty();
  await page.waitForLoadState("networkidle");

  expect(violations).toEqual([]);
});

test("/api/v1 answers carry the security headers", async ({ request }) => {
  for (const path of ["/api/v1/openapi.json", "/api/v1/content"]) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
  }
});
