import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { AuditLogPage } from "./pages/audit-log-page";
import { SignInPage } from "./pages/sign-in-page";

test("an admin finds their own sign-in in the audit log, verifies the chain and exports it", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByText(DEMO.admin.name)).toBeVisible();

  const audit = new AuditLogPage(page);
  await audit.goto();
  await audit.filterByAction("auth.");
  await expect(
    audit.rows().filter({ hasText: "auth.sign_in" }).filter({ hasText: DEMO.admin.email }).first(),
  ).toBeVisible();
  await expect(audit.rows().filter({ hasText: "kit.published" })).toHaveCount(0);

  expect(await audit.verifyChain()).toMatch(/Chain intact: \d+ entries verified/);

  const csv = await audit.exportCsv();
  expect(csv.split("\r\n")[0]).toMatch(/^seq,at,brand_id,actor_kind/);
  expect(csv).toContain(`,${DEMO.admin.email},auth.sign_in,session,`);
});

test("a marketer cannot open the audit log", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await expect(page.getByText(DEMO.marketer.name)).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByRole("alert").filter({ hasText: "You don’t have access" })).toBeVisible();
});
