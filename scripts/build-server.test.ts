import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, ENTRIES } from "./build-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outDir = `.bundle-test-${process.pid}`;
const outdir = path.join(root, outDir);
const bundles = () =>
  Object.keys(ENTRIES).map((name) => ({
    name,
    code: fs.readFileSync(path.join(outdir, `${name}.mjs`), "utf8"),
  }));

describe("the production bundle", () => {
  beforeAll(() => buildServer(root, outDir), 120_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it("locates every bundled source's import.meta at the source, so paths beside it resolve", () => {
    const located = new Set<string>();
    for (const { name, code } of bundles())
      for (const [, relative] of code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
        const source = path.resolve(outdir, relative!);
        expect(fs.existsSync(source), `${name}: ${relative}`).toBe(true);
        located.add(path.relative(root, source));
      }
    // db/migrations is found beside db/migrate.ts; the project root above server/ and scripts/.
    expect([...located].sort()).toEqual(["db/migrate.ts", "scripts/start.ts", "server/index.ts"]);
  });

  it("bundles only our code: packages stay imports, and no TypeScript loader is left", () => {
    for (const { name, code } of bundles()) {
      expect(code, name).not.toMatch(/from "@\//);
      expect(code, name).not.toMatch(/(from |import\()["']tsx/);
    }
    const web = bundles().find((b) => b.name === "web")!.code;
    expect(web).toMatch(/^import \w+ from "next";$/m);
  });
});
