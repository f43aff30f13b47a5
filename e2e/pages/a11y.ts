import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails on any serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}

/** The serious and critical axe-core violations on the page as it is now, one line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Previews of rendered content sit in script-less sandboxed iframes, which axe cannot
  // enter: its cross-frame mode then opens a helper page and fails. Legacy mode scans the
  // app's own document in full and skips such frames; the preview is the template's content.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).exclude("iframe[sandbox]").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
