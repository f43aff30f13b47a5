/**
 * client/ is a package a downstream app can install: its version is the API's (the OpenAPI
 * document's `info.version`), and `npm run build` in client/ emits JavaScript and type
 * declarations that import and make a working client object.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const CLIENT = path.resolve(import.meta.dirname, "../../client");
const read = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(CLIENT, file), "utf8")) as Record<string, unknown>;

describe("the client package", () => {
  it("is versioned with the API", () => {
    const pkg = read("package.json");
    const doc = read("openapi.json") as { info: { version: string } };
    expect(pkg.version).toBe(doc.info.version);
    expect(pkg).toMatchObject({ name: "@brandgate/client", main: "dist/index.js", types: "dist/index.d.ts" });
  });

  it("builds to JavaScript and declarations that import", async () => {
    fs.rmSync(path.join(CLIENT, "dist"), { recursive: true, force: true });
    execFileSync("npm", ["run", "build", "--silent"], { cwd: CLIENT, stdio: "pipe" });
    for (const file of ["index.js", "index.d.ts", "schema.d.ts"])
      expect(fs.existsSync(path.join(CLIENT, "dist", file)), file).toBe(true);
    const built = (await import(pathToFileURL(path.join(CLIENT, "dist/index.js")).href)) as {
      createBrandgateClient: (o: { baseUrl: string }) => { GET: unknown; POST: unknown };
    };
    const client = built.createBrandgateClient({ baseUrl: "http://127.0.0.1:1" });
    expect(typeof client.GET).toBe("function");
    expect(typeof client.POST).toBe("function");
  }, 120_000);
});
