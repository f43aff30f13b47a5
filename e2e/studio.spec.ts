import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { SignInPage } from "./pages/sign-in-page";

const WIDTHS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function signInAsMarketer(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO.marketer.email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/signin/);
}

/** Axe-clean, no sideways scroll, and a screenshot to look at. */
async function checkPage(page: Page, file: string) {
  await expectAccessible(page);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: file, fullPage: true });
}

async function chooseTemplate(page: Page, name: string) {
  const template = page.getByLabel("Template", { exact: true });
  await template.selectOption((await template.locator("option", { hasText: name }).getAttribute("value"))!);
}

for (const { name, width, height } of WIDTHS) {
  /*
   * The marketer's journey from a brief to review, counting the clicks (typing not counted;
   * opening Studio from the navigation is one click, done here by going to its address):
   *
   * clicks before: 7 (old flow, from the code before this change: Studio, choose the template,
   *   Generate, "Open the preview" — the only way to see the copy —, "Save post",
   *   "Save hashtags" — one Save and one revision per field —, Submit for review; a
   *   five-field email took 10)
   * after: 6 (Studio, choose the template, Generate — the copy and its checks show on the
   *   generation page —, "Edit and submit for review", one "Save changes" for every field,
   *   Submit for review; a five-field email takes 6 too)
   */
  test(`at ${width} px a marketer writes a brief, reads the copy and its checks, edits fields in one form and submits`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks++;
      await target.click();
    };
    await signInAsMarketer(page);
    clicks++; // Studio in the navigation
    await page.goto("/studio");
    await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
    clicks++; // the template
    await chooseTemplate(page, "Social post");
    await page
      .getByLabel("Brief", { exact: true })
      .fill("Invite weekend hikers to try our new rain jacket on an autumn trail");
    await checkPage(page, testInfo.outputPath(`${name}-studio.png`));
    await click(page.getByRole("button", { name: "Generate" }));

    // The generation page leads with the copy and its checks; the steps are folded away below.
    const edit = page.getByRole("link", { name: "Edit and submit for review" });
    await expect(edit).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Invite weekend hikers to try our new rain jacket on an autumn trail",
    );
    await expect(page.getByTestId("copy-post")).toContainText(/\w/);
    await expect(page.getByTestId("score").first()).toBeVisible();
    await expect(page.getByRole("list", { name: "Pipeline steps" })).toBeHidden();
    await page.getByText(/How it was made: \d+ steps/).click();
    await expect(page.getByRole("list", { name: "Pipeline steps" })).toContainText("input-checks");
    await checkPage(page, testInfo.outputPath(`${name}-generation.png`));
    await click(edit);

    // One form, in the template's order, labelled for people; one Save makes one revision.
    await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
    const form = page.getByRole("form", { name: "Edit the fields" });
    await expect(form.getByRole("textbox")).toHaveCount(3);
    await expect(form.locator("label")).toHaveText(["Post", "Link", "Hashtags"]);
    await checkPage(page, testInfo.outputPath(`${name}-library.png`));
    // A fault is named by the field's label, and nothing is saved.
    await form.getByLabel("Link", { exact: true }).fill("not a link");
    await click(form.getByRole("button", { name: "Save changes" }));
    await expect(form.getByRole("alert")).toContainText("Link must be an http(s) URL");
    await expect(form.getByLabel("Link", { exact: true })).toHaveAttribute("aria-invalid", "true");
    clicks--; // the failed save above is this test's detour, not part of the journey
    await form.getByLabel("Post", { exact: true }).fill("Our cheap rain jacket beats anything from TrailCo.");
    await form.getByLabel("Link", { exact: true }).fill("https://acmeoutdoor.com/rain-jacket");
    await form.getByLabel("Hashtags", { exact: true }).fill("autumn\nhiking");
    await click(form.getByRole("button", { name: "Save changes" }));
    await expect(page.getByRole("heading", { name: "Provenance of revision 2" })).toBeVisible();
    await expect(form.getByRole("list", { name: "Findings for Post" })).toContainText("TrailCo");
    await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
    // Fixing the flagged field below is one more Save in either flow: not counted.

    await form
      .getByLabel("Post", { exact: true })
      .fill("Our affordable rain jacket keeps you dry on every autumn trail.");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: "Provenance of revision 3" })).toBeVisible();
    await expect(form.getByRole("list", { name: "Findings for Post" })).toHaveCount(0);
    await expect(
      page.getByLabel(
        "Preview of Invite weekend hikers to try our new rain jacket on an autumn trail (text)",
      ),
    ).toContainText("https://acmeoutdoor.com/rain-jacket");
    await click(page.getByRole("button", { name: "Submit for review" }));
    await expect(page.getByText("in review", { exact: true })).toBeVisible();
    await checkPage(page, testInfo.outputPath(`${name}-submitted.png`));
    expect(clicks).toBe(6);
    await context.close();
  });
}

test("a brief the input checks block stays in the form, is fixed there and generates; Back refills it", async ({
  page,
}, testInfo) => {
  await signInAsMarketer(page);
  await page.goto("/studio");
  await chooseTemplate(page, "Social post");
  const brief = page.getByLabel("Brief", { exact: true });
  await brief.fill("Tell hikers our rain jacket is bulletproof on any autumn trail");
  await page.getByRole("button", { name: "Generate" }).click();
  const blocked = page.getByRole("alert").filter({ hasText: "The input checks blocked this brief" });
  await expect(blocked).toBeVisible({ timeout: 30_000 });
  await expect(blocked).toContainText("bulletproof");
  await expect(brief).toHaveValue("Tell hikers our rain jacket is bulletproof on any autumn trail");
  await expect(page).toHaveURL(/\/studio\?from=[0-9a-f-]{36}$/);
  await checkPage(page, testInfo.outputPath("blocked-brief.png"));

  // A blocked generation opened later offers the same brief back.
  const blockedUrl = new URL(page.url());
  await page.goto(`/studio/generations/${blockedUrl.searchParams.get("from")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Brief blocked" })).toBeVisible();
  await checkPage(page, testInfo.outputPath("blocked-generation.png"));
  await page.getByRole("link", { name: "Edit the brief and try again" }).click();
  await expect(brief).toHaveValue("Tell hikers our rain jacket is bulletproof on any autumn trail");
  await expect(page.getByLabel("Template", { exact: true }).locator("option:checked")).toContainText(
    "Social post",
  );

  await brief.fill("Tell hikers our rain jacket keeps them dry on any autumn trail");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page).toHaveURL(/\/studio\/generations\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  // Back lands on a filled Studio form, not an empty one. Known gap: it shows the brief of
  // the history entry it returns to (here the blocked one), not always the one resubmitted.
  await page.goBack();
  await expect(page).toHaveURL(/\/studio\?from=[0-9a-f-]{36}$/);
  await expect(brief).toHaveValue(/rain jacket .* on any autumn trail/);
});

test("an email's preview shows its subject and preheader above the body", async ({ page }, testInfo) => {
  await signInAsMarketer(page);
  await page.goto("/studio");
  await chooseTemplate(page, "Newsletter email");
  await page
    .getByLabel("Brief", { exact: true })
    .fill("Our autumn trail guide: five quiet routes for weekend hikers");
  await page.getByRole("button", { name: "Generate" }).click();
  await page.getByRole("link", { name: "Edit and submit for review" }).click({ timeout: 60_000 });
  const subject = page.getByLabel("Inbox view");
  await expect(subject).toContainText("Subject");
  await expect(subject).toContainText("Preheader");
  await expect(page.getByRole("form", { name: "Edit the fields" }).locator("label").first()).toHaveText(
    "Subject",
  );
  await checkPage(page, testInfo.outputPath("email-library.png"));
});
