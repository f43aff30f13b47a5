import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

export class AuditLogPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/admin/audit");
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expectAccessible(this.page);
  }

  async filterByAction(prefix: string): Promise<void> {
    await this.page.getByLabel("Action starts with").fill(prefix);
    await this.page.getByRole("button", { name: "Filter" }).click();
    await expect(this.page).toHaveURL(new RegExp(`action=${encodeURIComponent(prefix)}`));
  }

  rows() {
    return this.page.getByRole("table", { name: /Audit entries/ }).locator("tbody tr");
  }

  async verifyChain(): Promise<string> {
    await this.page.getByRole("button", { name: "Verify chain" }).click();
    const status = this.page.getByRole("status").filter({ hasText: /Chain/ });
    await expect(status).toBeVisible();
    return (await status.textContent()) ?? "";
  }

  async exportCsv(): Promise<string> {
    const href = await this.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const res = await this.page.request.get(href!);
    expect(res.status()).toBe(200);
    return res.text();
  }
}
