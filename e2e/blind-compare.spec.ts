import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { RolloutPage, RolloutsPage } from "./pages/rollouts-page";
import { SignInPage } from "./pages/sign-in-page";

const MODEL = "Brandgate Copy";

/**
 * The page's HTML with class names removed, in the markup and in the RSC payload (utility
 * classes such as `shadow-sm` are styling, not words); everything else — text, attributes,
 * the client components' props — stays in.
 */
async function htmlOf(page: Page): Promise<string> {
  return (await page.content()).replace(/\sclass="[^"]*"/g, "").replace(/className\\?":\\?"[^"]*"/g, "");
}

test("a reviewer compares a shadow answer with stable's blind, and the preference reaches the rollout", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();

  // (1) A shadow rollout gated on reviewers' blind preference.
  const list = new RolloutsPage(page);
  await list.open();
  const form = list.form();
  const model = form.getByLabel("Model");
  await model.selectOption({
    value: (await model.locator("option", { hasText: MODEL }).getAttribute("value"))!,
  });
  await form.getByLabel("Strategy").selectOption("shadow");
  await form.getByLabel("Primary metric").selectOption({ label: "Reviewer preference (blind) (governance)" });
  await form.getByLabel("Look every (seconds)").fill("10");
  await list.submit();
  const rollout = new RolloutPage(page);
  await rollout.expectLoaded(MODEL);
  const { stable, candidate } = await rollout.versionIds();

  // (2) Traffic: stable answers, the candidate is mirrored (stored, never served).
  let served = 0;
  for (let i = 0; i < 10 && served < 2; i++) {
    const res = await page.request.post("/api/v1/chat/completions", {
      headers: { "x-brandgate-brand": brandId, "x-brandgate-channel": "social" },
      data: { model: MODEL, messages: [{ role: "user", content: `What keeps hikers dry? (${Date.now()})` }] },
    });
    expect([200, 422]).toContain(res.status());
    if (res.status() === 200) {
      served++;
      const body = (await res.json()) as { brandgate: { version_id: string } };
      expect(body.brandgate.version_id).toBe(stable);
    }
  }
  expect(served).toBeGreaterThan(0);

  // (3) A reviewer finds the comparison from the review queue.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto("/signin");
  await new SignInPage(reviewer).signIn(DEMO.brandReviewer.email, DEMO_PASSWORD);
  await expect(reviewer.getByRole("navigation", { name: "Main" })).toBeVisible();
  await reviewer.goto("/review");
  await reviewer.getByRole("link", { name: "Compare answers" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "Compare answers" })).toBeVisible();
  // The mirrored call is stored a moment after the served answer.
  await expect(async () => {
    await reviewer.reload();
    await expect(reviewer.getByRole("heading", { level: 2, name: "A", exact: true })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(reviewer.getByRole("heading", { level: 2, name: "B", exact: true })).toBeVisible();

  // Nothing on the page or in its HTML says which answer came from which model or version.
  const html = await htmlOf(reviewer);
  for (const forbidden of [
    /stable/i,
    /candidate/i,
    /shadow/i,
    /brandgate copy/i,
    /brandgate-copy/i,
    /concise/i,
    /wordier/i,
  ])
    expect(html, `the page's HTML mentions ${forbidden}`).not.toMatch(forbidden);
  for (const id of [stable, candidate]) expect(html).not.toContain(id);
  await expectAccessible(reviewer);

  for (const width of [1366, 390]) {
    await reviewer.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await reviewer.screenshot({ path: `test-results/blind-compare-${width}.png`, fullPage: true });
  }
  await reviewer.setViewportSize({ width: 1366, height: 900 });

  // (4) The verdict, with a reason; the page moves on to the next pair or says none is left.
  const waiting = Number(/^(\d+)/.exec((await reviewer.getByTestId("compare-waiting").textContent())!)![1]);
  await reviewer.getByLabel("Why (optional)").fill("Clearer about the membrane");
  await reviewer.getByRole("button", { name: "B is better" }).click();
  if (waiting === 1) await expect(reviewer.getByText("Nothing to compare right now.")).toBeVisible();
  else
    await expect(reviewer.getByTestId("compare-waiting")).toHaveText(
      `${waiting - 1} pairs waiting for you.`.replace(/^1 pairs/, "1 pair"),
    );
  await reviewerContext.close();

  // (5) The preference is a rollout metric: once settled, a look shows it with its interval.
  await expect(async () => {
    await rollout.analyseNow();
    await page.reload();
    await expect(page.getByTestId("preference-rate")).toContainText(/of 1 blind comparison/, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 150_000, intervals: [5_000, 10_000] });
  await expect(page.getByTestId("summary-preference_rate")).toBeVisible();
  await page.screenshot({ path: "test-results/blind-compare-rollout.png", fullPage: true });

  // (6) The shadow rollout ends, so the specs after this one find the model free to roll out.
  await rollout.abort("Blind comparison seen; shadow done");
});
