import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/signin");
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expectAccessible(this.page);
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  error() {
    // Next.js keeps an empty route announcer with role=alert; the form's error is the one with text.
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }
}
