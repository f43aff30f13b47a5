import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "./demo";
import { AppShell } from "./pages/app-shell";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

test("a visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/signin/);
});

for (const role of Object.keys(DEMO) as DemoRole[]) {
  test(`the demo ${role} signs in and sees only their sections`, async ({ page }) => {
    // Opens and axe-scans every section (nine for an admin): more than one page's budget.
    test.setTimeout(150_000);
    const user = DEMO[role];
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(user.email, DEMO_PASSWORD);
    const shell = new AppShell(page);
    await expect(page.getByText(user.name)).toBeVisible();
    // Reviewers start at their queue; everyone else at their first section.
    await expect(page).toHaveURL(role.endsWith("Reviewer") ? /\/review$/ : /\/studio$/);
    expect(await shell.navLabels()).toEqual([...user.nav]);
    for (const label of user.nav) await shell.open(label);
    await shell.signOut();
  });
}

test("a wrong password gives a clear error and no session", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, "not-the-password");
  await expect(signIn.error()).toHaveText("Wrong email or password");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-out ends the session, even for a copied cookie", async ({ page, browser }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Studio" })).toBeVisible();
  const cookies = await page.context().cookies();
  await new AppShell(page).signOut();
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/signin/);

  // A copy of the cookie taken before sign-out is worthless after it.
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const other = await copy.newPage();
  await other.goto("/studio");
  await expect(other).toHaveURL(/\/signin/);
  await copy.close();
});

test("a role differs by brand, and the brand switcher changes it", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  const shell = new AppShell(page);
  expect(await shell.navLabels()).toEqual([...DEMO.marketer.nav]);
  await shell.switchBrand("Northwind Coffee");
  await expect(page.getByTestId("current-role")).toHaveText(/reviewer/);
  expect(await shell.navLabels()).toEqual(["Library", "Brand", "Templates", "Review"]);
  await expectAccessible(page);
});
