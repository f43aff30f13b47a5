import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

export interface CanaryOptions {
  model: string;
  /** Weights of the canary steps, in order; the form starts with two. */
  weights: [number, number];
  primaryMetric: string;
  intervalSeconds: number;
}

/** Rollouts: the list and the start form. */
export class RolloutsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/rollouts");
    await expect(this.page.getByRole("heading", { level: 1, name: "Rollouts" })).toBeVisible();
    await expectAccessible(this.page);
  }

  form() {
    return this.page.getByRole("form", { name: "Start rollout" });
  }

  async fillCanary(o: CanaryOptions): Promise<void> {
    const form = this.form();
    const model = form.getByLabel("Model");
    const option = model.locator("option", { hasText: o.model });
    await model.selectOption({ value: (await option.getAttribute("value"))! });
    await form.getByLabel("Strategy").selectOption("canary");
    await form.getByLabel("Step 1 weight (%)").fill(String(o.weights[0]));
    await form.getByLabel("Step 2 weight (%)").fill(String(o.weights[1]));
    await form.getByLabel("Primary metric").selectOption({ label: o.primaryMetric });
    await form.getByLabel("Look every (seconds)").fill(String(o.intervalSeconds));
  }

  async submit(): Promise<void> {
    await this.form().getByRole("button", { name: "Start rollout" }).click();
  }
}

/** One rollout: header, controls, metric charts and the decision log. */
export class RolloutPage {
  constructor(private readonly page: Page) {}

  async expectLoaded(model: string): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: `Rollout of ${model}` })).toBeVisible();
  }

  stage() {
    return this.page.getByTestId("rollout-stage");
  }

  async versionIds(): Promise<{ stable: string; candidate: string }> {
    return {
      stable: (await this.page.getByTestId("stable-version-id").textContent())!.trim(),
      candidate: (await this.page.getByTestId("candidate-version-id").textContent())!.trim(),
    };
  }

  async analyseNow(): Promise<string> {
    await this.page.getByRole("button", { name: "Analyse now" }).click();
    const status = this.page.getByText(/^(Looked: \w+\.|Not looked at: .*)$/);
    await expect(status).toBeVisible();
    return (await status.textContent())!;
  }

  /** Units per arm in the latest bucket of a metric's table (cumulative). */
  async latestUnits(label: string): Promise<{ stable: number; candidate: number }> {
    const table = this.page.getByRole("table", { name: `${label}: cumulative value per arm` });
    const last = table.getByRole("row").last();
    const cells = await last.getByRole("cell").allTextContents();
    return { stable: Number(cells[1]), candidate: Number(cells[3]) };
  }

  looksTable(label: string) {
    return this.page.getByRole("table", { name: `${label}: candidate minus stable at each look` });
  }

  async abort(reason: string): Promise<void> {
    await this.page.getByLabel("Reason").fill(reason);
    this.page.once("dialog", (d) => void d.accept());
    await this.page.getByRole("button", { name: "Abort" }).click();
    // The controls leave the page with the live rollout; the log keeps the decision.
    await expect(this.decisionLog().getByRole("row").filter({ hasText: reason })).toContainText("abort");
  }

  decisionLog() {
    return this.page.getByRole("table", { name: "Decision log, oldest first" });
  }
}
