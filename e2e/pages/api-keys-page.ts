import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

/** Admin → API keys. */
export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/admin");
    await this.page
      .getByRole("navigation", { name: "Admin sections" })
      .getByRole("link", { name: "API keys" })
      .click();
    await expect(this.page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expectAccessible(this.page);
  }

  /** Creates a key and returns the plaintext shown once. */
  async create(name: string, scopes: string[], options: { chat?: boolean } = {}): Promise<string> {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    for (const box of await this.page.getByRole("group", { name: "Scopes" }).getByRole("checkbox").all()) {
      const label = (await box.locator("xpath=..").textContent())!.trim();
      await box.setChecked(scopes.includes(label));
    }
    if (options.chat) await this.page.getByLabel(/Allow chat completions/).check();
    await this.page.getByRole("button", { name: "Create key" }).click();
    const shown = this.page.getByTestId("new-api-key");
    await expect(shown).toBeVisible();
    return (await shown.textContent())!.trim();
  }

  row(prefix: string) {
    return this.page.getByTestId(`api-key-${prefix}`);
  }

  async dismissKey(): Promise<void> {
    await this.page.getByRole("button", { name: "Done" }).click();
    await expect(this.page.getByTestId("new-api-key")).toHaveCount(0);
  }

  async revoke(prefix: string): Promise<void> {
    this.page.once("dialog", (d) => void d.accept());
    await this.row(prefix)
      .getByRole("button", { name: /Revoke/ })
      .click();
    await expect(this.row(prefix).getByText("revoked")).toBeVisible();
  }

  async rotate(prefix: string, grace: string): Promise<string> {
    await this.row(prefix).getByRole("combobox").selectOption({ label: grace });
    await this.row(prefix)
      .getByRole("button", { name: /Rotate/ })
      .click();
    const shown = this.page.getByTestId("new-api-key");
    await expect(shown).toBeVisible();
    return (await shown.textContent())!.trim();
  }
}
