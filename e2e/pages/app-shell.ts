import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

export class AppShell {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  async navLabels(): Promise<string[]> {
    await expect(this.nav().getByRole("link").first()).toBeVisible();
    return (await this.nav().getByRole("link").allTextContents()).map((t) => t.trim());
  }

  async open(label: string): Promise<void> {
    await this.nav().getByRole("link", { name: label, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    await expectAccessible(this.page);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/signin/);
  }

  async switchBrand(name: string): Promise<void> {
    const select = this.page.getByLabel("Brand");
    const option = select.locator("option", { hasText: name });
    await select.selectOption({ value: (await option.getAttribute("value"))! });
  }
}
