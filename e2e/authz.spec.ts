import { expect, test, type Browser } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in-page";

async function signedInContext(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await page.goto("/signin");
  await signIn.signIn(email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  return { context, page };
}

test("a marketer gets 403 from the admin API and the admin page, with or without x-middleware-subrequest", async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, DEMO.marketer.email);
  const brandId = await page.getByLabel("Brand").inputValue();
  const attempts: Record<string, string>[] = [
    {},
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  ];
  for (const headers of attempts) {
    const res = await context.request.get(`/api/admin/members?brandId=${brandId}`, { headers });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    await page.setExtraHTTPHeaders(headers);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
  await context.close();
});

test("an admin disables a user whose open session is refused on the next request", async ({ browser }) => {
  const reviewer = await signedInContext(browser, DEMO.legalReviewer.email);
  await reviewer.page.goto("/review");
  await expect(reviewer.page.getByRole("heading", { name: "Review" })).toBeVisible();

  const admin = await signedInContext(browser, DEMO.admin.email);
  await new AppShell(admin.page).open("Admin");
  const row = admin.page.getByTestId(`member-${DEMO.legalReviewer.email}`);
  await row.getByRole("button", { name: /Disable/ }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  await reviewer.page.goto("/library");
  await expect(reviewer.page).toHaveURL(/\/signin/);

  // Re-enable: the same password works again.
  await row.getByRole("button", { name: /Enable/ }).click();
  await expect(row.getByText("Active")).toBeVisible();
  const again = await signedInContext(browser, DEMO.legalReviewer.email);
  await again.context.close();
  await reviewer.context.close();
  await admin.context.close();
});

test("health reports the database, the queue and the model server; metrics are Prometheus text", async ({
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({
    status: "ok",
    components: { database: { status: "ok" }, queue: { status: "ok" }, modelServer: { status: "ok" } },
  });
  const metrics = await request.get("/api/metrics");
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  expect(await metrics.text()).toContain("brandgate_http_request_duration_seconds");
});
