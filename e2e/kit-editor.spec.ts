import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

async function looksRight(page: Page, name: string, outputPath: (name: string) => string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: outputPath(`${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test("an admin edits the kit in the form, is told the save is a draft, and publishes it", async ({
  page,
}, testInfo) => {
  // Six axe scans and full-page screenshots of a long form take over a minute on a loaded machine.
  test.setTimeout(300_000);
  const out = (name: string) => testInfo.outputPath(name);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // The published kit reads the rule the way it applies: the preferred term first.
  await page.goto("/brand");
  await expect(page.getByText("Use affordable, not cheap")).toBeVisible();
  await expect(page.getByRole("list", { name: "Palette colours" })).toContainText(/Sky\s*#3a7ca5/);

  await page.goto("/brand/edit");
  const skyHex = page.getByLabel("Colour 5 hex");
  await expect(skyHex).toHaveValue("#3a7ca5");
  await expect(page.getByLabel("Rule 1: use")).toHaveValue("affordable");
  await expect(page.getByLabel("Rule 1: instead of")).toHaveValue("cheap");

  // A malformed colour is refused by the server, and the refusal sits under that colour's field.
  await skyHex.fill("#3a7ca");
  await page.getByRole("button", { name: "Save as draft version" }).click();
  await expect(skyHex).toHaveAttribute("aria-invalid", "true");
  await expect(skyHex).toBeFocused();
  const describedBy = await skyHex.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Enter a colour as #rrggbb");
  await expect(page.getByRole("form", { name: "Brand kit" }).getByRole("alert")).toContainText(
    "Each field at fault says why",
  );

  // The native picker and the hex text edit the same colour.
  await page.getByLabel("Colour 5 picker").fill("#2f6f9a");
  await expect(skyHex).toHaveValue("#2f6f9a");
  // Edited since the refusal: its old issue no longer stands beside it.
  await expect(skyHex).not.toHaveAttribute("aria-invalid");
  await page.getByRole("button", { name: "Add terminology rule" }).click();
  await page.getByLabel("Rule 6: use").fill("trail runners");
  await page.getByLabel("Rule 6: instead of").fill("sneakers");
  await page.getByLabel("What changed").fill("Deeper sky; trail runners");
  await looksRight(page, "kit-editor", out);

  await page.getByRole("button", { name: "Save as draft version" }).click();
  await expect(page).toHaveURL(/\/brand\?saved=\d+$/);
  const version = new URL(page.url()).searchParams.get("saved")!;
  const banner = page.getByRole("status").filter({ hasText: `Saved as v${version} (draft)` });
  await expect(banner).toContainText("Publish it to make checks use it.");
  // Saved is not published: the published kit still has the old colour.
  await expect(page.getByRole("list", { name: "Palette colours" })).toContainText(/Sky\s*#3a7ca5/);
  await looksRight(page, "brand-draft", out);

  await banner.getByRole("button", { name: `Publish v${version}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `v${version} is published: checks use it now.` }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: `Published kit (v${version})` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Palette colours" })).toContainText(/Sky\s*#2f6f9a/);
  await expect(page.getByText("Use trail runners, not sneakers")).toBeVisible();
  await looksRight(page, "brand-published", out);
});
