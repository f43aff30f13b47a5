import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

/** Admin → Jobs: the brand's dead jobs, and sending them back. */
export class JobsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/admin/jobs");
    await expect(this.page.getByRole("heading", { level: 1, name: "Dead jobs" })).toBeVisible();
    await expectAccessible(this.page);
  }

  /** One dead job's row, by its id in the dead-letter queue. */
  row(deadJobId: string) {
    return this.page.getByTestId(`job-${deadJobId}`);
  }

  async retry(deadJobId: string): Promise<void> {
    await this.row(deadJobId)
      .getByRole("button", { name: `Retry job ${deadJobId}` })
      .click();
  }

  /** The page's own answer to a retry, not the app shell's drift banner (also a status). */
  status() {
    return this.page.getByRole("main").getByRole("status");
  }
}
