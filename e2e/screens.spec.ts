/**
 * The screenshot review: every page each demo role can reach, at a desktop width (1366 px)
 * and a phone width (390 px). Each page is saved as a full-page screenshot under
 * test-results/screens/<width>/<role>/ for a person to look through (CI keeps them as
 * artifacts), checked with axe, and must not scroll sideways. One sign-in per role, reused
 * through storageState, keeps it to a few minutes.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "./demo";
import { accessibilityViolations } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

const OUT = path.join("test-results", "screens");
const WIDTHS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** The pages behind each navigation entry; `{id}` is the first item the list page links to. */
const SECTIONS: Record<string, string[]> = {
  Studio: ["/studio", "/studio/generations/{id}"],
  Library: ["/library", "/library/{id}", "/library/placements"],
  Brand: ["/brand", "/brand/edit"],
  Assets: ["/assets", "/assets/{id}"],
  Templates: ["/templates", "/templates/{id}"],
  Review: ["/review", "/review/{id}", "/review/chat", "/review/compare"],
  Models: ["/models", "/models/drift"],
  Rollouts: ["/rollouts", "/rollouts/{id}"],
  Usage: ["/usage"],
  Admin: ["/admin", "/admin/api-keys", "/admin/audit", "/admin/jobs", "/admin/webhooks", "/admin/workflows"],
};

const stateFile = (role: DemoRole) => path.join(OUT, ".auth", `${role}.json`);

async function signIn(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const form = new SignInPage(page);
  await page.goto("/signin");
  // The form posts through a server action: wait until the page is hydrated before submitting.
  await page.waitForLoadState("networkidle");
  await form.signIn(DEMO[role].email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

/** The first link on the current page that fits `route` ("/library/{id}"), other than `exclude`. */
async function firstDetailHref(page: Page, route: string, exclude: string[]): Promise<string | null> {
  const shape = new RegExp(`^${route.replace("{id}", "[^/?#]+")}$`);
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => shape.test(h) && !exclude.includes(h)) ?? null;
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(path.join(OUT, ".auth"), { recursive: true });
  for (const role of Object.keys(DEMO) as DemoRole[]) {
    const page = await signIn(browser, role);
    await page.context().storageState({ path: stateFile(role) });
    if (role === "marketer") {
      // One generated item, submitted when its checks allow, so the detail pages have content.
      await page.goto("/studio");
      const template = page.getByLabel("Template", { exact: true });
      await template.selectOption(
        (await template.locator("option", { hasText: "Newsletter email" }).getAttribute("value"))!,
      );
      await page
        .getByLabel("Brief", { exact: true })
        .fill("30% off insulated jackets this weekend, including the Summit Down Parka, for weekend hikers");
      await page.getByRole("button", { name: "Generate" }).click();
      const open = page.getByRole("link", { name: "Edit and submit for review" });
      await expect(open).toBeVisible({ timeout: 60_000 });
      fs.writeFileSync(path.join(OUT, ".auth", "generation-url"), new URL(page.url()).pathname);
      await open.click();
      const submit = page.getByRole("button", { name: "Submit for review" });
      if (await submit.isEnabled()) {
        await submit.click();
        await expect(page.getByText("in review", { exact: true })).toBeVisible();
      }
    }
    await page.context().close();
  }
});

for (const { name: widthName, width, height } of WIDTHS) {
  for (const role of Object.keys(DEMO) as DemoRole[]) {
    test(`${role} at ${width} px: every page screenshotted, axe-clean and without sideways scroll`, async ({
      browser,
    }) => {
      test.setTimeout(300_000);
      const context = await browser.newContext({
        storageState: stateFile(role),
        viewport: { width, height },
      });
      const page = await context.newPage();
      const dir = path.join(OUT, widthName, role);
      fs.mkdirSync(dir, { recursive: true });
      const overflowing: string[] = [];
      const inaccessible: string[] = [];
      for (const section of DEMO[role].nav) {
        const routes = SECTIONS[section] ?? [];
        const details = new Map<string, string | null>();
        for (const route of routes) {
          let url = route;
          if (route === "/studio/generations/{id}") {
            const generation = path.join(OUT, ".auth", "generation-url");
            if (fs.existsSync(generation)) details.set(route, fs.readFileSync(generation, "utf8"));
          }
          if (route.includes("{id}")) {
            const found = details.get(route);
            if (!found) continue; // nothing listed yet (no rollout, say): no detail page to see
            url = found;
          }
          const response = await page.goto(url);
          expect(response?.status(), `${url} as ${role}`).toBeLessThan(400);
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          if (route === routes[0]) {
            for (const detail of routes.filter((r) => r.includes("{id}"))) {
              details.set(detail, await firstDetailHref(page, detail, routes));
            }
          }
          const file = `${url.replace(/^\//, "").replace(/\//g, "_") || "home"}.png`;
          await page.screenshot({ path: path.join(dir, file), fullPage: true });
          const overflow = await horizontalOverflow(page);
          if (overflow > 0) overflowing.push(`${url} (+${overflow} px)`);
          inaccessible.push(...(await accessibilityViolations(page)).map((v) => `${url}: ${v}`));
        }
      }
      // Every page is visited and saved before judging, so one bad page does not hide the rest.
      expect(overflowing, `pages that scroll sideways at ${width} px as ${role}`).toEqual([]);
      expect(inaccessible, `axe violations at ${width} px as ${role}`).toEqual([]);
      await context.close();
    });
  }

  test(`sign-in page at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await new SignInPage(page).goto();
    fs.mkdirSync(path.join(OUT, widthName), { recursive: true });
    await page.screenshot({ path: path.join(OUT, widthName, "signin.png"), fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
}
