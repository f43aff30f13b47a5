import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

/**
 * The reviewers' journey (issue 20): a reviewer asks for changes, the marketer saves two
 * revisions before resubmitting, and the reviewer's comparison opens on exactly what changed
 * since their own verdict — not on the last two revisions, which would hide the first edit.
 *
 * Clicks for the reviewer to see "what changed since I asked for changes" once the item is open:
 * clicks before: 3 (open the From list, pick the revision they decided on, Compare), after: 0
 * (the comparison opens on it and says so).
 */
const WIDTHS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function as(
  browser: Browser,
  role: DemoRole,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO[role].email, DEMO_PASSWORD);
  // The next goto must carry the session cookie: wait until the app shell is in.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

/** The header's badge (a check's own finding also says "Needs legal review", in a sentence). */
const legalBadge = (page: Page) => page.getByTestId("score").getByText("needs legal review", { exact: true });

/** The page fits its width: nothing scrolls sideways but regions meant to (tables, diffs). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(0);
}

for (const size of WIDTHS) {
  test(`reviewer compares since their last decision; legal approves and the legal badge goes (${size.width} px)`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(360_000);
    const viewport = { width: size.width, height: size.height };
    const brief = `Invite ${size.name} readers to our lantern evening by the lakeside store`;
    const shot = async (page: Page, name: string) => {
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}.png`), fullPage: true });
    };

    // The marketer generates a post and submits revision 1 as it came.
    const marketer = await as(browser, "marketer", viewport);
    await marketer.goto("/studio");
    const template = marketer.getByLabel("Template", { exact: true });
    await template.selectOption(
      (await template.locator("option", { hasText: "Social post" }).getAttribute("value"))!,
    );
    await marketer.getByLabel("Brief", { exact: true }).fill(brief);
    await marketer.getByRole("button", { name: "Generate" }).click();
    await marketer.getByRole("link", { name: "Edit and submit for review" }).click({ timeout: 60_000 });
    await expect(marketer).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
    const itemUrl = marketer.url();
    const reviewUrl = itemUrl.replace("/library/", "/review/");
    await marketer.getByRole("button", { name: "Submit for review" }).click();
    await expect(marketer.getByText("in review", { exact: true })).toBeVisible();

    // The brand reviewer claims revision 1 and requests changes.
    const bruno = await as(browser, "brandReviewer", viewport);
    await bruno.goto("/review");
    await bruno.getByRole("link", { name: new RegExp(brief.slice(0, 30)) }).click();
    await expect(bruno.getByRole("heading", { level: 1 })).toContainText(brief.slice(0, 30));
    await bruno.getByRole("button", { name: "Claim" }).click();
    await expect(bruno.getByText(/You hold the claim/)).toBeVisible();
    await bruno.getByLabel("Reason or requested changes").fill("Please say that the walk is free.");
    await bruno.getByRole("button", { name: "Request changes" }).click();
    await expect(bruno.getByText("changes requested", { exact: true })).toBeVisible();

    // The marketer saves two revisions (the second only rewords), then resubmits.
    await marketer.goto(itemUrl);
    await expect(marketer.getByRole("note")).toContainText("Please say that the walk is free.");
    const post = marketer.getByTestId("slot-post");
    // "waterproof" is one of the demo kit's claim phrases: the revision needs legal review.
    await post
      .getByLabel("Post", { exact: true })
      .fill("Lanterns, cocoa and a free lakeside walk this Friday evening. Bring waterproof boots.");
    await marketer.getByRole("button", { name: "Save changes" }).click();
    await expect(marketer.getByRole("heading", { name: "Provenance of revision 2" })).toBeVisible();
    await post
      .getByLabel("Post", { exact: true })
      .fill("Lanterns, cocoa and a free, calm lakeside walk this Friday evening. Bring waterproof boots.");
    await marketer.getByRole("button", { name: "Save changes" }).click();
    await expect(marketer.getByRole("heading", { name: "Provenance of revision 3" })).toBeVisible();
    await marketer.getByRole("button", { name: "Submit for review" }).click();
    await expect(marketer.getByText("in review", { exact: true })).toBeVisible();

    // The reviewer opens the item: the comparison starts at revision 1, where they asked for
    // changes, so "free" shows as added; the default of old (2 → 3) would show only "calm".
    await bruno.goto(reviewUrl);
    await expect(bruno.getByTestId("compare-basis")).toHaveText(
      "Changes since your last decision: you requested changes on revision 1; revision 3 is the current one.",
    );
    await expect(bruno.getByLabel("From", { exact: true })).toHaveValue("1");
    await expect(bruno.getByLabel("To", { exact: true })).toHaveValue("3");
    const diff = bruno.getByLabel("Changes to post from revision 1 to 3");
    await expect(diff.locator("ins").filter({ hasText: "free" }).first()).toBeVisible();
    await expect(legalBadge(bruno)).toBeVisible();
    await shot(bruno, "review-since-my-decision");
    // They may still compare any two revisions: the last two show only the rewording.
    await bruno.getByLabel("From", { exact: true }).selectOption("2");
    await bruno.getByRole("button", { name: "Compare" }).click();
    await expect(bruno.getByTestId("compare-basis")).toHaveText(
      "Changes from revision 2 to revision 3, as you chose.",
    );
    const lastTwo = bruno.getByLabel("Changes to post from revision 2 to 3").locator("ins");
    await expect(lastTwo.filter({ hasText: "calm" })).toHaveCount(1);
    await expect(lastTwo.filter({ hasText: "free" })).toHaveCount(0);
    await bruno.getByRole("button", { name: "Approve" }).click();
    await expect(bruno.getByText("This stage is for other reviewers")).toBeVisible();

    // Legal approves: the item is published and no longer "needs legal review".
    const lena = await as(browser, "legalReviewer", viewport);
    await lena.goto(reviewUrl);
    await expect(legalBadge(lena)).toBeVisible();
    // Lena never decided on this item: she sees the last two revisions.
    await expect(lena.getByTestId("compare-basis")).toContainText("Changes between the last two revisions");
    await lena.getByRole("button", { name: "Approve" }).click();
    await expect(lena.getByText("published", { exact: true })).toBeVisible();
    await expect(legalBadge(lena)).toHaveCount(0);
    await shot(lena, "review-published");

    // The marketer's item page and the Library use the same word for it.
    await marketer.goto(itemUrl);
    await expect(marketer.getByText("published", { exact: true })).toBeVisible();
    await expect(legalBadge(marketer)).toHaveCount(0);
    await shot(marketer, "library-item");
    await marketer.goto("/library");
    const row = marketer.getByRole("row").filter({ hasText: brief.slice(0, 30) });
    await expect(row.getByText("published", { exact: true })).toBeVisible();
    await shot(marketer, "library");
  });
}
