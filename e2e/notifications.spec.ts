/**
 * Issue 20, point 4: a reviewer's bell counts an item the marketer just submitted, the
 * notifications page lists it with a link to the item, and "Mark all read" clears the badge.
 * The header with the bell is looked at (and checked with axe) at 1366 and 390 px, where the
 * Menu button must still open the navigation.
 */
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
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );

test("the bell counts an item waiting for the reviewer once the marketer submits it", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const brief = "Invite early risers to the sunrise paddle at the north jetty";

  // The reviewer starts with nothing unread (whatever the demo seed left is marked read).
  const bruno = await as(browser, "brandReviewer");
  await bruno.getByTestId("notification-bell").click();
  await expect(bruno.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const markAll = bruno.getByRole("button", { name: "Mark all read" });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(markAll).toBeHidden();
  }
  await bruno.reload();
  await expect(bruno.getByTestId("notification-count")).toHaveCount(0);
  await expect(bruno.getByTestId("notification-bell")).toHaveAccessibleName("Notifications");

  // The marketer generates a post and submits it.
  const maya = await as(browser, "marketer");
  await new AppShell(maya).open("Studio");
  const template = maya.getByLabel("Template", { exact: true });
  await template.selectOption(
    (await template.locator("option", { hasText: "Social post" }).getAttribute("value"))!,
  );
  await maya.getByLabel("Brief", { exact: true }).fill(brief);
  await maya.getByRole("button", { name: "Generate" }).click();
  await maya.getByRole("link", { name: "Edit and submit for review" }).click({ timeout: 30_000 });
  await expect(maya).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
  const itemId = maya.url().split("/").pop()!;
  await maya.getByRole("button", { name: "Submit for review" }).click();
  await expect(maya.getByText("in review", { exact: true })).toBeVisible();

  // The reviewer's bell now counts it, and the page links to the item's review.
  await bruno.goto("/review");
  await expect(bruno.getByTestId("notification-count")).toHaveText("1");
  await expect(bruno.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, 1 unread");
  await bruno.setViewportSize({ width: 1366, height: 900 });
  await bruno.screenshot({ path: testInfo.outputPath("bell-1366.png") });
  await bruno.getByTestId("notification-bell").click();
  const notice = bruno.getByRole("link", { name: /^Waiting for review: / }).first();
  await expect(notice).toHaveAttribute("href", `/review/${itemId}`);
  await expectAccessible(bruno);
  await bruno.screenshot({ path: testInfo.outputPath("notifications-1366.png"), fullPage: true });

  // At 390 px: the bell stays in the header, the page does not scroll sideways, Menu still opens the nav.
  await bruno.setViewportSize({ width: 390, height: 844 });
  await expect(bruno.getByTestId("notification-count")).toHaveText("1");
  await noSidewaysScroll(bruno);
  await expectAccessible(bruno);
  await bruno.screenshot({ path: testInfo.outputPath("notifications-390.png"), fullPage: true });
  await bruno.getByRole("button", { name: /^Menu/ }).click();
  await expect(
    bruno.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }),
  ).toBeVisible();
  await bruno.screenshot({ path: testInfo.outputPath("menu-open-390.png") });
  await bruno.getByRole("button", { name: /^Menu/ }).click();

  // Mark all read clears the badge.
  await bruno.getByRole("button", { name: "Mark all read" }).click();
  await expect(bruno.getByTestId("notification-count")).toHaveCount(0);
  await expect(bruno.getByText("You are up to date.")).toBeVisible();
});
