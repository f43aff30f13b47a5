import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

test("an admin samples every chat call for review; a call lands in the chat review queue and is flagged", async ({
  page,
}) => {
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();

  await page.goto("/admin");
  const settings = page.getByRole("form", { name: "Chat completions" });
  await settings.getByLabel("Review sample (% of completed calls)").fill("100");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("Chat settings saved")).toBeVisible();
  await expectAccessible(page);

  // A governed chat call from the signed-in session (the web UI's own path to the API). The
  // built-in model sometimes writes a banned term and the answer is withheld: try again.
  const question = `What keeps hikers dry? (${Date.now()})`;
  let status = 0;
  for (let i = 0; i < 8 && status !== 200; i++) {
    const res = await page.request.post("/api/v1/chat/completions", {
      headers: { "x-brandgate-brand": brandId, "x-brandgate-channel": "social" },
      data: { model: "Brandgate Copy", messages: [{ role: "user", content: question }] },
    });
    status = res.status();
    expect([200, 422]).toContain(status);
  }
  expect(status).toBe(200);

  await page.goto("/review/chat");
  const call = page.getByRole("listitem").filter({ hasText: question });
  await expect(call).toBeVisible();
  await expectAccessible(page);
  await call.getByLabel("Note").fill("Too vague about the membrane");
  await call.getByRole("button", { name: "Flag" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: question })).toHaveCount(0);
});
