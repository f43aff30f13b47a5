import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

/** A Forest-green mark on a transparent background: passes the demo kit's logo checks. */
async function transparentMark(): Promise<Buffer> {
  const mark = await sharp({
    create: { width: 240, height: 160, channels: 4, background: { r: 31, g: 92, b: 58, alpha: 1 } },
  })
    .png()
    .toBuffer();
  return sharp({
    create: { width: 480, height: 320, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: mark, top: 80, left: 120 }])
    .png()
    .toBuffer();
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.goto("/assets");
  await page.getByLabel("Name").first().fill(name);
  await page.getByLabel("Role").selectOption("logo");
  await page.getByLabel("Image file").setInputFiles({ name: "mark.png", mimeType: "image/png", buffer });
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("an admin picks an uploaded logo in the kit editor, publishes, and templates render it", async ({
  page,
}, testInfo) => {
  // Two uploads with their checks, axe on the long kit form and two previews: past two minutes under load.
  test.setTimeout(240_000);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // Without a kit logo the preview shows the brand name as text.
  await page.goto("/templates");
  await page.getByRole("link", { name: /landing/i }).click();
  const frame = page.frameLocator('[data-testid="template-preview"] iframe').first();
  await expect(frame.locator("header span")).toHaveText(/\S/);
  await expect(frame.locator("header img")).toHaveCount(0);

  await upload(page, "Trail mark", await transparentMark());
  const opaque = await sharp({
    create: { width: 480, height: 320, channels: 4, background: { r: 31, g: 92, b: 58, alpha: 1 } },
  })
    .png()
    .toBuffer();
  await upload(page, "Opaque mark", opaque);

  await page.goto("/brand/edit");
  const good = page.getByRole("checkbox", { name: /Trail mark/ });
  await expect(good).toBeEnabled();
  // The opaque one failed the logo checks: shown with why, and cannot be picked.
  await expect(page.getByRole("checkbox", { name: /Opaque mark/ })).toBeDisabled();
  await expect(page.getByText(/failed the logo checks \(.*logo-transparency/)).toBeVisible();
  await good.check();
  await page.getByLabel("What changed").fill("Add the trail mark");
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`kit-editor-${width}.png`), fullPage: true });
  }
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save as draft version" }).click();
  await expect(page).toHaveURL(/\/brand\?saved=\d+$/);
  // The banner after a save offers the publish step for the version just saved.
  await page
    .getByRole("status")
    .getByRole("button", { name: /^Publish v\d+$/ })
    .click();
  await expect(page.getByRole("img", { name: "Logo shown in templates" })).toBeVisible();

  await page.goto("/templates");
  await page.getByRole("link", { name: /landing/i }).click();
  const logo = frame.locator("header img");
  await expect(logo).toHaveAttribute("src", /\/api\/assets\/[0-9a-f-]{36}\/image\?brandId=/);
  // The sandboxed frame carries no session: the published logo still loads.
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`preview-${width}.png`), fullPage: true });
  }
});
