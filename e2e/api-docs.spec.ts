import { expect, test } from "@playwright/test";
import { expectAccessible } from "./pages/a11y";

const METHODS = ["get", "put", "post", "delete", "patch"];

test("the API reference lists every operation the server documents, without signing in", async ({
  page,
  request,
}) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { summary?: string }>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({
      label: `${m.toUpperCase()} ${path}`,
      summary: item[m]!.summary,
    })),
  );
  expect(ops.length).toBeGreaterThan(0);

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Brandgate API reference" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Operations" });
  for (const op of ops) {
    await expect(nav.getByRole("link", { name: op.label, exact: true })).toBeVisible();
    if (op.summary) await expect(page.getByText(op.summary, { exact: true }).first()).toBeVisible();
  }
  await nav.getByRole("link", { name: "POST /api/v1/checks", exact: true }).click();
  await expect(page.getByText('curl -X POST "$BRANDGATE_URL/api/v1/checks"')).toBeVisible();
  await expectAccessible(page);
});
