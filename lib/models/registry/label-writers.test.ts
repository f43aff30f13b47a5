/**
 * moveLabel is the only writer of model_labels, so every label move is in the history.
 * Nothing else in the codebase may insert, update or delete that table.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
// Build output and tool sandboxes (dist-server/ from `npm start` or `npm run build`, Stryker's
// copies) hold copies of the sources, not writers of their own.
const SKIP = new Set([
  "node_modules",
  ".next",
  "dist-server",
  ".data",
  ".git",
  "migrations",
  "e2e",
  "test-results",
]);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".stryker-tmp")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) yield full;
  }
}

it("only move-label.ts writes model_labels", () => {
  const writers = [...sources(ROOT)].filter((file) =>
    /\.(insert|update|delete)\(\s*modelLabels\b|(insert into|update|delete from)\s+"?model_labels\b/i.test(
      readFileSync(file, "utf8"),
    ),
  );
  expect(writers.map((f) => path.relative(ROOT, f))).toEqual(["lib/models/registry/move-label.ts"]);
});
