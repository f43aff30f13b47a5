import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { ModelsPage, RegisterVersionPage, VersionPage } from "./pages/models-page";
import { SignInPage } from "./pages/sign-in-page";

const MODEL = "Lifecycle Copy";
const SLUG = "lifecycle-copy";

/** One governed chat call for a new unit, and the version that answered (or wrote a withheld answer). */
async function versionServing(request: APIRequestContext, brandId: string, unit: string): Promise<string> {
  const res = await request.post("/api/v1/chat/completions", {
    headers: { "x-brandgate-brand": brandId, "x-brandgate-unit": unit, "x-brandgate-channel": "social" },
    data: { model: SLUG, messages: [{ role: "user", content: `What keeps hikers dry? (${unit})` }] },
  });
  expect([200, 422]).toContain(res.status());
  const body = (await res.json()) as {
    brandgate?: { version_id: string };
    error?: { details?: { versionId?: string } };
  };
  const version = body.brandgate?.version_id ?? body.error?.details?.versionId;
  expect(version, JSON.stringify(body)).toBeTruthy();
  return version!;
}

test("an admin registers a version against the model server, watches it evaluate, sees the canary split traffic, and rolls back", async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();

  // (1) A new model that opens a 50% canary when a version passes.
  const models = new ModelsPage(page);
  await models.open();
  await models.createModel(MODEL, 50);
  const register = new RegisterVersionPage(page);
  await register.expectLoaded(MODEL);
  await expectAccessible(page);

  // (2) Test connection against the product's own model server: an unknown model is named
  // with the endpoint's list; the right one connects.
  await register.fill({ upstreamModel: "no-such-model", version: "v1" });
  await register.testConnection();
  await expect(register.connectionResult()).toContainText('upstreamModel: unknown model "no-such-model"');
  await register.fill({ upstreamModel: "brandgate-copy-1", version: "v1" });
  await register.testConnection();
  await expect(register.connectionResult()).toContainText(/Connected in \d+ ms/);
  await register.register();

  // (3) The first version evaluates (no stable yet: the floors), then is made stable by hand.
  const version = new VersionPage(page);
  await expect(page).toHaveURL(new RegExp(`/models/${SLUG}/versions/v1$`));
  await expect(version.state()).toHaveText("ready", { timeout: 180_000 });
  await expect(page.getByTestId("evaluation-summary")).toContainText("Passed all");
  const stableId = await version.id();
  await version.moveLabel("stable", "first release");
  await expect(version.state()).toHaveText("stable");

  // (4) A second version: progress is shown live, it passes against stable, and the canary opens.
  await page.goto(`/models/${SLUG}/register`);
  await register.fill({ upstreamModel: "brandgate-copy-1", version: "v2", temperature: 0.5 });
  await register.register();
  await expect(page).toHaveURL(new RegExp(`/models/${SLUG}/versions/v2$`));
  await expect(version.progress()).toContainText(/Evaluating: \d+ of 40 briefs|Queued/);
  await expect(version.state()).toHaveText("canary", { timeout: 240_000 });
  await expect(version.traffic()).toHaveText("canary: 50% candidate / 50% stable");
  await page.getByText(/Sample outputs beside stable/).click();
  await expect(page.getByText("this version").first()).toBeVisible();
  await expectAccessible(page);
  const candidateId = await version.id();

  // (5) Traffic splits between the two.
  const seen = new Set<string>();
  for (let i = 0; i < 40 && seen.size < 2; i++) {
    seen.add(await versionServing(page.request, brandId, `lifecycle-${Date.now()}-${i}`));
  }
  expect([...seen].sort()).toEqual([stableId, candidateId].sort());

  // (6) Roll back: the canary is aborted and the next generations use the old stable.
  await version.rollBack("canary looked off");
  await expect(version.state()).toHaveText("ready");
  await expect(version.traffic()).toHaveText("none");
  for (let i = 0; i < 6; i++) {
    expect(await versionServing(page.request, brandId, `after-rollback-${Date.now()}-${i}`)).toBe(stableId);
  }
});
