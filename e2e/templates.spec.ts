import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in-page";

async function signInAs(page: Page, email: string) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

test("a marketer edits a template with a live preview and compile errors; a reviewer approves the new version", async ({
  page,
  browser,
}) => {
  await signInAs(page, DEMO.marketer.email);
  await new AppShell(page).open("Templates");
  await page.getByRole("link", { name: /newsletter/i }).click();
  await expect(page.getByTestId("template-preview").first()).toBeVisible();
  await expect(page.getByText(/v1 approved by/)).toBeVisible();
  await expectAccessible(page);

  const editor = page.getByLabel("Definition");
  const original = await editor.inputValue();
  await editor.fill(original.replace('"html": "', '"html": "{{#if broken}}'));
  await expect(page.getByTestId("template-errors")).toContainText(/line \d+, column \d+/);

  await editor.fill(original.replace(/"name": "([^"]+)"/, '"name": "$1 (spring)"'));
  await expect(page.getByTestId("template-errors")).toHaveCount(0);
  await page.getByLabel("What changed").fill("Spring name");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("v2 awaiting approval")).toBeVisible();
  await expectAccessible(page);
  const url = page.url();

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInAs(reviewer, DEMO.brandReviewer.email);
  await reviewer.goto(url.replace(/\?.*$/, "") + "?v=2");
  await reviewer.getByRole("button", { name: "Approve v2" }).click();
  await expect(reviewer.getByText(/v2 approved by Bruno/)).toBeVisible();
  await reviewerContext.close();
});
