/**
 * The README's "API quick start", run as written against the freshly started product: each
 * fenced block in order (shell blocks in one bash session whose exported variables carry over,
 * the JavaScript block as a file run by node), and the step the README leaves to a person —
 * approving in the UI — done in Chromium by the demo reviewers. When the README or the product
 * changes so that a step no longer works, this fails at that step.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, type DemoRole } from "./demo";
import { SignInPage } from "./pages/sign-in-page";

const root = path.resolve(import.meta.dirname, "..");
// Where playwright.config.ts starts the product: `npm run keys` finds its database there.
const DATA_DIR = ".data/e2e";

interface Block {
  lang: string;
  code: string;
}

function quickStartBlocks(): Block[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const start = readme.indexOf("\n## API quick start\n");
  expect(start, "README has an '## API quick start' section").toBeGreaterThan(0);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: root, env, timeout: 150_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO[role].email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

test("the README's API quick start works as written", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const blocks = quickStartBlocks();
  // key; templates + generate; fetch approved content; the openai client.
  expect(blocks.map((b) => b.lang)).toEqual(["sh", "sh", "sh", "js"]);

  const work = fs.mkdtempSync(path.join(root, DATA_DIR, "quick-start-"));
  const state = path.join(work, "state.sh");
  fs.writeFileSync(state, "");
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, NODE_ENV: "development" };
  /** One shell block, in the README's words, with the variables the blocks before it exported. */
  const shell = async (block: Block) => {
    const code = block.code.replaceAll("http://localhost:3000", baseURL!);
    const script = `set -euo pipefail\nsource ${JSON.stringify(state)}\n${code}\nexport -p > ${JSON.stringify(state)}\n`;
    const result = await run("bash", ["-c", script], env);
    expect(result.code, `${code}\n--- stderr:\n${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const exported = async (name: string) =>
    (await run("bash", ["-c", `source ${JSON.stringify(state)}; printf %s "$${name}"`], env)).stdout;

  // 1. A key, made by the operator command beside the running product.
  await shell(blocks[0]!);
  const apiKey = await exported("BRANDGATE_API_KEY");
  expect(apiKey).toMatch(/^bg_/);

  // 2. Templates listed, a generation made and waited for; not served before approval.
  const listed = await shell(blocks[1]!);
  expect(listed).toContain("email-newsletter\tNewsletter email");
  const item = await exported("ITEM");
  expect(item).toMatch(/^[0-9a-f-]{36}$/);
  expect(listed.trim().split("\n").at(-1)).toBe("404");

  // 3. Approved in the UI by the demo reviewers, as the README says.
  const bruno = await as(browser, "brandReviewer");
  await bruno.goto(`/review/${item}`);
  await bruno.getByRole("button", { name: "Claim" }).click();
  await expect(bruno.getByText(/You hold the claim/)).toBeVisible();
  await bruno.getByRole("button", { name: "Approve" }).click();
  const published = bruno.getByText("published", { exact: true });
  const legalNext = bruno.getByText("This stage is for other reviewers");
  await expect(published.or(legalNext)).toBeVisible();
  if (await legalNext.isVisible()) {
    const lena = await as(browser, "legalReviewer");
    await lena.goto(`/review/${item}`);
    const claim = lena.getByRole("button", { name: "Claim" });
    if (await claim.isVisible()) await claim.click();
    await lena.getByRole("button", { name: "Approve" }).click();
    await expect(lena.getByText("published", { exact: true })).toBeVisible();
  }

  // 4. The approved content, with its lineage.
  const content = JSON.parse(await shell(blocks[2]!)) as {
    title: string;
    slots: Record<string, unknown>;
    lineage: { approvals: { reviewer: unknown }[]; content_hash?: string };
  };
  expect(Object.keys(content.slots)).toEqual(expect.arrayContaining(["subject", "headline"]));
  expect(content.lineage.approvals.length).toBeGreaterThan(0);

  // 5. The chat lane through the official openai client, from a file as a reader would save it.
  const script = path.join(work, "quick-start.mjs");
  fs.writeFileSync(script, blocks[3]!.code);
  const chat = await run(process.execPath, [script], {
    ...env,
    BRANDGATE_URL: baseURL!,
    BRANDGATE_API_KEY: apiKey,
  });
  expect(chat.code, chat.stderr).toBe(0);
  expect(chat.stdout.trim().length).toBeGreaterThan(10);
});
