import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in-page";

async function scoreOf(page: import("@playwright/test").Page): Promise<number> {
  const text = await page.getByTestId("score").first().innerText();
  return Number(/(\d+)\/100/.exec(text)?.[1]);
}

test("a marketer checks a snippet and an image, sees why they fail, fixes the copy and sees the score change", async ({
  page,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await new AppShell(page).open("Assets");

  // A snippet with a deprecated term and a competitor.
  await page.getByLabel("Name").nth(1).fill("Spring teaser");
  await page.getByLabel("Copy").fill("Our cheap raincoat beats anything from TrailCo. Stay dry out there.");
  await page.getByRole("button", { name: "Add and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring teaser" })).toBeVisible();
  await expect(page.getByTestId("highlighted-text").locator("mark").first()).toBeVisible();
  const findings = page.getByRole("list", { name: "Findings" });
  await expect(findings).toContainText("TrailCo");
  await expect(findings).toContainText("cheap");
  await expectAccessible(page);
  const before = await scoreOf(page);

  const fix = findings.getByRole("button", { name: /^Fix:/ }).first();
  await fix.click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring teaser (fixed)" })).toBeVisible();
  const after = await scoreOf(page);
  expect(after).toBeGreaterThan(before);
  await expectAccessible(page);

  // An off-palette image: bright magenta, nowhere near the kit's colours.
  await page.goto("/assets");
  const magenta = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#ff00ff" } })
    .png()
    .toBuffer();
  await page.getByLabel("Name").first().fill("Magenta hero");
  await page
    .getByLabel("Image file")
    .setInputFiles({ name: "hero.png", mimeType: "image/png", buffer: magenta });
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Magenta hero" })).toBeVisible();
  await expect(page.getByText("off palette").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Findings" })).toContainText(/palette/i);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("off-palette-image.png"), fullPage: true });

  // The list says why it is blocked, shows its thumbnail, and the Studio will not attach it.
  await page.goto("/assets");
  const row = page.getByRole("row").filter({ hasText: "Magenta hero" }).first();
  await expect(row.getByTestId("score")).toContainText(/blocked.*off-palette \(ΔE > \d+; limit 50%\)/);
  const thumbnail = row.locator("img");
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
    true,
  );
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("assets-list.png"), fullPage: true });
  await page.goto("/studio");
  const attach = page.getByRole("group", { name: /Attach assets/ });
  await expect(attach.getByRole("checkbox", { name: /Magenta hero/ }).first()).toBeDisabled();
  await expect(attach).toContainText(/off-palette/);
});

test("an upload whose bytes are not an image is refused with a clear error", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.goto("/assets");
  await page.getByLabel("Image file").setInputFiles({
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from("just some text pretending"),
  });
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("not an image");
});
