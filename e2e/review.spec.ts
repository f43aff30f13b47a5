import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in-page";

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO[role].email, DEMO_PASSWORD);
  return page;
}

test("brand review asks for changes, the marketer revises, brand and legal approve, the item is published", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const brief = "Tell autumn walkers about our lantern evening at the lakeside store";

  // The marketer generates a post, revises it once, and submits revision 2.
  const marketer = await as(browser, "marketer");
  await new AppShell(marketer).open("Studio");
  const template = marketer.getByLabel("Template", { exact: true });
  await template.selectOption(
    (await template.locator("option", { hasText: "Social post" }).getAttribute("value"))!,
  );
  await marketer.getByLabel("Brief", { exact: true }).fill(brief);
  await marketer.getByRole("button", { name: "Generate" }).click();
  await marketer.getByRole("link", { name: "Edit and submit for review" }).click({ timeout: 30_000 });
  await expect(marketer).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
  const itemUrl = marketer.url();
  const post = marketer.getByTestId("slot-post");
  await post
    .getByLabel("Post", { exact: true })
    .fill("Lanterns, cocoa and a calm lakeside walk this Friday evening.");
  await marketer.getByRole("button", { name: "Save changes" }).click();
  await expect(marketer.getByRole("heading", { name: "Provenance of revision 2" })).toBeVisible();
  await marketer.getByRole("button", { name: "Submit for review" }).click();
  await expect(marketer.getByText("in review", { exact: true })).toBeVisible();

  // 1. The brand reviewer claims it, compares revisions and requests changes.
  const bruno = await as(browser, "brandReviewer");
  await new AppShell(bruno).open("Review");
  await bruno.getByRole("link", { name: new RegExp(brief.slice(0, 30)) }).click();
  await expect(bruno.getByRole("heading", { level: 1 })).toContainText(brief.slice(0, 30));
  await bruno.getByRole("button", { name: "Claim" }).click();
  await expect(bruno.getByText(/You hold the claim/)).toBeVisible();
  const diff = bruno.getByLabel("Changes to post from revision 1 to 2");
  await expect(diff.locator("ins").first()).toContainText("Lanterns");
  await expect(diff.locator("del").first()).toBeVisible();
  await expect(
    bruno.getByTitle("Rendered revision 1").or(bruno.getByLabel("Rendered revision 1 (text)")),
  ).toBeVisible();
  await expect(
    bruno.getByLabel("Rendered revision 2 (text)").or(bruno.getByTitle("Rendered revision 2")),
  ).toBeVisible();
  await expectAccessible(bruno);
  await bruno.screenshot({ path: testInfo.outputPath("review-compare.png"), fullPage: true });
  // A request without a comment is refused and names the field.
  await bruno.getByRole("button", { name: "Request changes" }).click();
  await expect(bruno.locator("#decision-error")).toContainText("A comment is required");
  await expect(bruno.getByLabel("Reason or requested changes")).toHaveAttribute("aria-invalid", "true");
  await bruno.getByLabel("Reason or requested changes").fill("Please mention that the walk is free.");
  await bruno.getByRole("button", { name: "Request changes" }).click();
  await expect(bruno.getByText("changes requested", { exact: true })).toBeVisible();

  // 2. The marketer reads the request, edits and resubmits.
  await marketer.goto(itemUrl);
  await expect(marketer.getByRole("note")).toContainText("Please mention that the walk is free.");
  await post
    .getByLabel("Post", { exact: true })
    .fill("Lanterns, cocoa and a free, calm lakeside walk this Friday evening.");
  await marketer.getByRole("button", { name: "Save changes" }).click();
  await expect(marketer.getByRole("heading", { name: "Provenance of revision 3" })).toBeVisible();
  await marketer.getByRole("button", { name: "Submit for review" }).click();
  await expect(marketer.getByText("in review", { exact: true })).toBeVisible();

  // 3. The brand reviewer approves; then the legal reviewer approves.
  await bruno.reload();
  await expect(bruno.getByRole("heading", { level: 2, name: "Revision 3", exact: true })).toBeVisible();
  await bruno.getByRole("button", { name: "Approve" }).click();
  await expect(bruno.getByRole("list", { name: "Stages" }).getByRole("listitem").nth(1)).toContainText(
    "current",
  );
  await expect(bruno.getByText("This stage is for other reviewers")).toBeVisible();

  const lena = await as(browser, "legalReviewer");
  await new AppShell(lena).open("Review");
  const row = lena.getByRole("link", { name: new RegExp(brief.slice(0, 30)) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(lena.getByRole("list", { name: "Stages" })).toContainText(
    "Approved by brand.reviewer@demo.brandgate.test",
  );
  await lena.getByRole("button", { name: "Approve" }).click();

  // 4. Published.
  await expect(lena.getByText("published", { exact: true })).toBeVisible();
  await expect(lena.getByRole("list", { name: "Review history" })).toContainText("approved; published");
  await expectAccessible(lena);
  await lena.screenshot({ path: testInfo.outputPath("review-published.png"), fullPage: true });
  await marketer.goto(itemUrl);
  // The item page uses the review page's word for it.
  await expect(marketer.getByText("published", { exact: true })).toBeVisible();
});
