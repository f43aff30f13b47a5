/**
 * Issue 23, item 5: an admin rotates a webhook endpoint's signing secret in Admin → Webhooks:
 * the new secret is shown once, differs from the first, and the rotation is in the audit log.
 */
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { SignInPage } from "./pages/sign-in-page";

test("an admin rotates an endpoint's signing secret", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.waitForLoadState("networkidle");
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/admin/webhooks");
  await page.waitForLoadState("networkidle");
  // A public IP literal: saved without a DNS lookup, and nothing is delivered in this test.
  const url = "https://93.184.215.14/hooks/rotation";
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const first = (await page.getByTestId("webhook-secret").textContent())!.trim();
  expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Rotate secret ${url}` }).click();
  const rotated = page.getByTestId("rotated-secret");
  await expect(rotated).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
  expect((await rotated.textContent())!.trim()).not.toBe(first);
  await expect(page.getByText(`New signing secret for ${url}`)).toBeVisible();

  await page.goto("/admin/audit");
  await expect(page.getByText("webhook.subscription.secret_rotated").first()).toBeVisible();
});
