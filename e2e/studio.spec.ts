import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in-page";

test("a marketer writes a brief, watches the pipeline, fixes a flagged field and submits for review", async ({
  page,
  browser,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await new AppShell(page).open("Studio");

  const template = page.getByLabel("Template", { exact: true });
  await template.selectOption(
    (await template.locator("option", { hasText: "Social post" }).getAttribute("value"))!,
  );
  await page
    .getByLabel("Brief", { exact: true })
    .fill("Invite weekend hikers to try our new rain jacket on an autumn trail");
  await page.getByRole("button", { name: "Generate" }).click();

  const steps = page.getByRole("list", { name: "Pipeline steps" });
  await expect(steps).toContainText("input-checks");
  await expect(steps).toContainText("generate");
  await expect(steps).toContainText("render", { timeout: 30_000 });
  await expectAccessible(page);
  await page.getByRole("link", { name: "Open the preview" }).click();

  await expect(page.getByTestId("template-preview")).toBeVisible();
  await expect(page.getByText("draft", { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("preview.png"), fullPage: true });
  await expectAccessible(page);

  // A hand edit that breaks the kit is flagged...
  const post = page.getByTestId("slot-post");
  await post.getByLabel("Edit post").fill("Our cheap rain jacket beats anything from TrailCo.");
  await post.getByRole("button", { name: "Save post" }).click();
  await expect(post.getByRole("list", { name: "Findings for post" })).toContainText("TrailCo");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();

  // ...and fixing it clears the findings and lets it go to review.
  await post.getByLabel("Edit post").fill("Our affordable rain jacket keeps you dry on every autumn trail.");
  await post.getByRole("button", { name: "Save post" }).click();
  await expect(post.getByRole("list", { name: "Findings for post" })).toHaveCount(0);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("in review", { exact: true })).toBeVisible();

  // The brand reviewer finds it in their queue.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  const reviewerSignIn = new SignInPage(reviewer);
  await reviewerSignIn.goto();
  await reviewerSignIn.signIn(DEMO.brandReviewer.email, DEMO_PASSWORD);
  await new AppShell(reviewer).open("Review");
  await expect(reviewer.getByRole("link", { name: /Invite weekend hikers/ }).first()).toBeVisible();
  await reviewerContext.close();
  await page.screenshot({ path: testInfo.outputPath("submitted.png"), fullPage: true });
});
