import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { ApiKeysPage } from "./pages/api-keys-page";
import { SignInPage } from "./pages/sign-in-page";

test("an admin creates a key shown once, a downstream app uses it, rotation and revocation stop it", async ({
  page,
  request,
}) => {
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();

  const keys = new ApiKeysPage(page);
  await keys.open();
  const key = await keys.create("Storefront", ["checks"]);
  expect(key).toMatch(/^bg_/);
  const prefix = key.slice(0, 11);
  await expect(keys.row(prefix)).toContainText("checks");
  await expect(keys.row(prefix).getByText("active")).toBeVisible();
  await keys.dismissKey();
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0); // shown once, never again

  const callChecks = (k: string) =>
    request.post("/api/v1/checks", {
      headers: { authorization: `Bearer ${k}` },
      data: { brandId, text: "Our new rain jacket", channel: "social" },
    });
  expect((await callChecks(key)).status()).toBe(200);

  const rotated = await keys.rotate(prefix, "Stop the old key now");
  await keys.dismissKey();
  expect((await callChecks(key)).status()).toBe(401);
  expect((await callChecks(rotated)).status()).toBe(200);

  await keys.revoke(rotated.slice(0, 11));
  const refused = await callChecks(rotated);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
});
