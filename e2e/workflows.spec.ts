import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

test("an admin adds a channel workflow; a bad group name is named at its field and nothing is saved", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByText(DEMO.admin.name)).toBeVisible();
  await page.goto("/admin");
  await page
    .getByRole("navigation", { name: "Admin sections" })
    .getByRole("link", { name: "Workflows" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Review workflows" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Default \(all channels\)/ })).toContainText("version 1");
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "Workflow new" });
  await form.getByLabel("Channel").selectOption("push");
  await form.getByRole("button", { name: "Add a stage" }).click();
  const third = form.getByRole("group", { name: "Stage 3" });
  await third.getByLabel("Name").fill("Final sign-off");
  await third.getByLabel("Who acts").selectOption("group");
  await third.getByLabel("Group").fill("Growth Team");
  await form.getByRole("button", { name: "Save new version" }).click();
  await expect(third.getByLabel("Group")).toHaveAttribute("aria-invalid", "true");
  await expect(third).toContainText("lowercase letters, digits, - and _");
  await expect(page.getByRole("heading", { name: "Channel: push" })).toHaveCount(0);

  await third.getByLabel("Group").fill("growth");
  await form.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByRole("heading", { name: /Channel: push/ })).toContainText("version 1");
  await expect(page.getByText("Final sign-off")).toBeVisible();
  await expectAccessible(page);
});
