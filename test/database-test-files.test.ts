import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { databaseTestFiles } from "./database-test-files";

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "db-test-files-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

it("keeps a test that reaches the database client through a cycle of imports, and drops a pure one", () => {
  const root = project({
    "lib/db.ts": "export const db = 1;",
    "lib/a.ts": 'import { b } from "./b";\nimport { db } from "@/lib/db";\nexport const a = 1;',
    "lib/b.ts": 'import { a } from "./a";\nexport const b = 2;',
    "lib/pure.ts": "export const pure = 3;",
    "lib/b.test.ts": 'import { b } from "./b";',
    "lib/pure.test.ts": 'import { pure } from "@/lib/pure";',
    "test/api/x.test.ts": 'const url = inject("databaseUrl");',
  });
  expect(databaseTestFiles(root, ["lib/b.test.ts", "lib/pure.test.ts", "test/api/x.test.ts"])).toEqual([
    "lib/b.test.ts",
    "test/api/x.test.ts",
  ]);
});

it("finds the project's database tests and leaves out the pure ones", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const files = ["lib/content/review.test.ts", "lib/errors.test.ts", "lib/templates/engine/helpers.test.ts"];
  expect(databaseTestFiles(root, files)).toEqual(["lib/content/review.test.ts"]);
});
