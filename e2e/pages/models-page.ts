import { expect, type Page } from "@playwright/test";

/** The Models page, the register form and a version's page. */
export class ModelsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/models");
    await expect(this.page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
  }

  async createModel(name: string, canaryWeight: number): Promise<void> {
    const form = this.page.locator("form", { has: this.page.getByRole("heading", { name: "New model" }) });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("First canary weight (%)").fill(String(canaryWeight));
    await form.getByRole("button", { name: "Create model" }).click();
  }
}

export class RegisterVersionPage {
  constructor(private readonly page: Page) {}

  async expectLoaded(modelName: string): Promise<void> {
    await expect(
      this.page.getByRole("heading", { name: `Register a version of ${modelName}` }),
    ).toBeVisible();
  }

  async fill(options: { upstreamModel: string; version: string; temperature?: number }): Promise<void> {
    await this.page.getByLabel("Upstream model").fill(options.upstreamModel);
    await this.page.getByLabel("Version name (optional)").fill(options.version);
    if (options.temperature !== undefined)
      await this.page.getByLabel("Temperature").fill(String(options.temperature));
  }

  connectionResult() {
    return this.page.getByTestId("connection-result");
  }

  async testConnection(): Promise<void> {
    await this.page.getByRole("button", { name: "Test connection" }).click();
  }

  async register(): Promise<void> {
    await this.page.getByRole("button", { name: "Register version" }).click();
  }
}

export class VersionPage {
  constructor(private readonly page: Page) {}

  state() {
    return this.page.getByTestId("version-state");
  }

  traffic() {
    return this.page.getByTestId("version-traffic");
  }

  progress() {
    return this.page.getByTestId("evaluation-progress");
  }

  async id(): Promise<string> {
    return (await this.page.getByTestId("version-id").textContent())!.trim();
  }

  async moveLabel(label: "stable" | "candidate", reason: string): Promise<void> {
    await this.page.getByLabel("Point label").selectOption(label);
    await this.page.getByLabel("Reason", { exact: true }).fill(reason);
    await this.page.getByRole("button", { name: "Move label here" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "Label moved" })).toBeVisible();
  }

  async rollBack(reason: string): Promise<void> {
    await this.page.getByLabel("Reason to roll back").fill(reason);
    await this.page.getByRole("button", { name: "Roll back model" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "Rolled back" })).toBeVisible();
  }
}
