import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { RolloutPage, RolloutsPage } from "./pages/rollouts-page";
import { SignInPage } from "./pages/sign-in-page";

const MODEL = "Brandgate Copy";

/**
 * One governed chat call for a new unit, and the version that answered it. The built-in
 * model sometimes writes a banned term and the answer is withheld (422): the error still
 * names the version that wrote it.
 */
async function versionServing(request: APIRequestContext, brandId: string, unit: string): Promise<string> {
  const res = await request.post("/api/v1/chat/completions", {
    headers: { "x-brandgate-brand": brandId, "x-brandgate-unit": unit, "x-brandgate-channel": "social" },
    data: { model: MODEL, messages: [{ role: "user", content: `What keeps hikers dry? (${unit})` }] },
  });
  expect([200, 422]).toContain(res.status());
  const body = (await res.json()) as {
    brandgate?: { version_id: string };
    error?: { details?: { versionId?: string } };
  };
  const version = body.brandgate?.version_id ?? body.error?.details?.versionId;
  expect(version, JSON.stringify(body)).toBeTruthy();
  return version!;
}

/** Screenshots at 1366 and 390 px; at neither does the page scroll sideways, and axe finds nothing. */
async function atBothWidths(page: Page, name: string): Promise<void> {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    // Recharts measures its container after a resize.
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal scroll on ${page.url()} at ${width} px`).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
  }
}

test("an admin starts a canary, watches its metrics fill, aborts it, and new units all go to stable", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();

  // (1) Start a canary from the form. A falling step is refused next to the field at fault.
  const list = new RolloutsPage(page);
  await list.open();
  await list.fillCanary({
    model: MODEL,
    weights: [50, 40],
    primaryMetric: "Latency (ms) (operations)",
    intervalSeconds: 10,
  });
  await list.submit();
  const step2 = list.form().getByLabel("Step 2 weight (%)");
  await expect(step2).toHaveAttribute("aria-invalid", "true");
  await expect(list.form().getByText("must be above the previous step's weight")).toBeVisible();
  await expectAccessible(page);
  await step2.fill("90");
  await list.submit();

  const rollout = new RolloutPage(page);
  await rollout.expectLoaded(MODEL);
  await expect(rollout.stage()).toHaveText("Step 1 of 2 · 50% candidate");
  // What was typed before the refused submit is what started.
  await expect(
    page.getByText(/Primary metric: Latency \(ms\) · guardrails: Error rate \(±0\.02\)/),
  ).toBeVisible();
  await expect(rollout.decisionLog().getByRole("row").nth(1)).toContainText("started");
  const { stable, candidate } = await rollout.versionIds();
  expect(stable).not.toBe(candidate);
  await expectAccessible(page);

  // (2) Traffic on both arms, then a look fills the charts and their tables.
  const seen = { [stable]: 0, [candidate]: 0 };
  for (let i = 0; i < 80 && (seen[stable]! < 3 || seen[candidate]! < 3); i++) {
    const version = await versionServing(page.request, brandId, `rollout-e2e-${Date.now()}-${i}`);
    expect([stable, candidate]).toContain(version);
    seen[version]! += 1;
  }
  expect(seen[stable]).toBeGreaterThanOrEqual(3);
  expect(seen[candidate]).toBeGreaterThanOrEqual(3);

  // The scheduled job may have looked less than an interval ago (or mid-traffic): look again
  // until a look has counted both arms.
  await expect(async () => {
    await rollout.analyseNow();
    await page.reload();
    const units = await rollout.latestUnits("Latency (ms)");
    expect(units.stable).toBeGreaterThan(0);
    expect(units.candidate).toBeGreaterThan(0);
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000, 10_000] });
  // A header row and at least one look.
  await expect(rollout.looksTable("Latency (ms)").getByRole("row").nth(1)).toBeVisible();
  await expect(page.locator(".recharts-line-dot").first()).toBeVisible();
  await page.screenshot({ path: "test-results/rollout-metrics.png", fullPage: true });
  await expect(page.getByTestId("summary-latency_ms")).toContainText(/stable .* over \d+ units, candidate/);
  await expect(page.getByTestId("summary-error_rate")).toBeVisible();
  await expectAccessible(page);

  // (3) Abort with a reason.
  await rollout.abort("Latency regression seen in the e2e canary");
  await expect(page.getByText("aborted", { exact: true })).toBeVisible();
  await expect(rollout.stage()).toHaveText("Step 1 of 2 · ended");
  await expectAccessible(page);

  // (4) Every new unit is served by stable.
  for (let i = 0; i < 30; i++) {
    expect(await versionServing(page.request, brandId, `after-abort-${Date.now()}-${i}`)).toBe(stable);
  }
  await page.reload();
  const abortRow = rollout.decisionLog().getByRole("row").filter({ hasText: "abort" });
  await expect(abortRow).toContainText("Latency regression seen in the e2e canary");
  // A manual decision names the person who took it.
  await expect(abortRow).toContainText(DEMO.admin.name);
  await expect(abortRow).toContainText("50% → 0%");
  await atBothWidths(page, "rollout");

  // The model's page links to its rollouts, where this one is listed as aborted.
  await page.goto("/models");
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
  await expectAccessible(page);
  // The error rate says what it is a rate of: errors in calls, over the window named below.
  await expect(page.getByText(/^\d+ errors? in \d+ calls?/).first()).toBeVisible();
  await expect(
    page.getByText(/Over the last 24 h\. A call is one request sent to the version/).first(),
  ).toBeVisible();
  await atBothWidths(page, "models");
  await page.getByRole("link", { name: `Rollouts of ${MODEL}` }).click();
  await expect(page.getByText("Showing one model's rollouts.")).toBeVisible();
  // (Earlier specs may have run other rollouts of the model, a shadow among them.)
  await expect(
    page.getByRole("row").filter({ hasText: MODEL }).filter({ hasText: "Canary" }).first(),
  ).toContainText("aborted");
  await expectAccessible(page);
});
