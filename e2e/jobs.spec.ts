import { expect, test } from "@playwright/test";
import { DeadJobs } from "./dead-jobs";
import { DEMO, DEMO_PASSWORD } from "./demo";
import { expectAccessible } from "./pages/a11y";
import { JobsPage } from "./pages/jobs-page";
import { SignInPage } from "./pages/sign-in-page";

let dead: DeadJobs;
test.beforeAll(async () => {
  dead = await DeadJobs.open();
});
test.afterAll(async () => {
  await dead.close();
});

test("a generation whose worker died on its last attempt ends failed on its own; Admin → Jobs explains its dead job and sends another back", async ({
  page,
}) => {
  // The workers' supervisor notices the lapsed heartbeat within ~20 s; their sweep runs every minute.
  test.setTimeout(300_000);
  await page.goto("/signin");
  await new SignInPage(page).signIn(DEMO.admin.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const brandId = await page.getByLabel("Brand", { exact: true }).inputValue();
  const userId = await dead.userId(DEMO.admin.email);

  const { generationId, jobId } = await dead.generationWhoseWorkerDied(brandId, userId);
  const driftJobId = await dead.deadDriftCheck(brandId, "The events store did not answer");
  const deadDrift = (await dead.deadCopyOf(driftJobId))!;

  // (1) No one acts: the generation the dead worker held ends failed, and says why.
  await page.goto(`/studio/generations/${generationId}`);
  await expect(page.getByText("failed", { exact: true })).toBeVisible({ timeout: 180_000 });
  const outcome = page.getByRole("alert").filter({ hasText: "Failed" });
  await expect(outcome).toContainText(
    "The generation job failed all 4 attempts and was given up (last error: job heartbeat timeout)",
  );
  await expectAccessible(page);

  // (2) Admin → Jobs lists both. The generation's job is not offered for a retry: the
  // generation has ended, and an ended generation is final.
  const deadGeneration = (await dead.deadCopyOf(jobId))!;
  const jobs = new JobsPage(page);
  await jobs.goto();
  const generationRow = jobs.row(deadGeneration);
  await expect(generationRow).toContainText("generation.run.v1");
  await expect(generationRow).toContainText("job heartbeat timeout");
  await expect(generationRow).toContainText("already ended as failed");
  await expect(generationRow.getByRole("button")).toHaveCount(0);
  const driftRow = jobs.row(deadDrift);
  await expect(driftRow).toContainText("drift.detect.v1");
  await expect(driftRow).toContainText("The events store did not answer");
  await expect(page.getByRole("button", { name: "Retry all 1" })).toBeVisible();

  // (3) The drift check is sent back from its row: it leaves the list and runs to the end.
  await jobs.retry(deadDrift);
  await expect(jobs.status()).toHaveText("Sent 1 job(s) back to their queue");
  await expect(driftRow).toHaveCount(0);
  await expect(generationRow).toBeVisible();
  await expect
    .poll(() => dead.retriedState("drift.detect.v1", driftJobId), { timeout: 60_000 })
    .toBe("completed");
  await jobs.goto();
  await expect(jobs.row(deadDrift)).toHaveCount(0);
  await expect(jobs.row(deadGeneration)).toBeVisible();
});
