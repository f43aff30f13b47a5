/**
 * The lint rule that holds lib's layer order (LIB_LAYERS in eslint.config.mjs): a folder of lib
 * never imports a folder in its own layer or above, by alias or by relative path.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONFIG = path.join(ROOT, "eslint.config.mjs");
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: CONFIG });
const { LIB_LAYERS } = (await import(pathToFileURL(CONFIG).href)) as { LIB_LAYERS: string[][] };

/** The layer rule's messages for `code` linted as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === "brandgate/lib-layers").map((m) => m.message);
}

describe("lib layer order", () => {
  it("fails when a lower folder imports a higher one, by alias or relative path", async () => {
    expect(
      await layerErrors(
        "lib/stats/x.ts",
        `import { generate } from "@/lib/models/generate";\nvoid generate;\n`,
      ),
    ).toEqual([expect.stringContaining("lib/stats may not import lib/models: it is above lib/stats")]);
    expect(
      await layerErrors("lib/stats/x.ts", `import { generate } from "../models/generate";\nvoid generate;\n`),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        "lib/models/registry/x.ts",
        `import { runModelEvaluation } from "../../evaluation/run-model-evaluation";\nvoid runModelEvaluation;\n`,
      ),
    ).toEqual([expect.stringContaining("lib/models may not import lib/evaluation")]);
  });

  it("catches re-exports, dynamic imports and type imports", async () => {
    expect(
      await layerErrors("lib/http/x.ts", `export { generate } from "@/lib/models/generate";\n`),
    ).toHaveLength(1);
    expect(
      await layerErrors("lib/http/x.ts", `export const load = () => import("@/lib/models/generate");\n`),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        "lib/http/x.ts",
        `import type { GenerateOptions } from "@/lib/models/generate";\nexport type X = GenerateOptions;\n`,
      ),
    ).toHaveLength(1);
  });

  it("fails between folders of the same layer", async () => {
    expect(
      await layerErrors("lib/chat/x.ts", `import { decide } from "@/lib/review/decide";\nvoid decide;\n`),
    ).toEqual([expect.stringContaining("in the same layer as lib/chat")]);
  });

  it("passes when a higher folder imports a lower one, or a folder imports itself", async () => {
    expect(
      await layerErrors(
        "lib/models/x.ts",
        `import { createRng } from "@/lib/stats/create-rng";\nvoid createRng;\n`,
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        "lib/evaluation/x.ts",
        `import { generate } from "../models/generate";\nvoid generate;\n`,
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        "lib/models/registry/x.ts",
        `import { moveLabel } from "./move-label";\nvoid moveLabel;\n`,
      ),
    ).toEqual([]);
    expect(await layerErrors("lib/db.ts", `import { getEnv } from "./env";\nvoid getEnv;\n`)).toEqual([]);
    // Outside lib the rule does not apply (app → lib → db has its own rule).
    expect(
      await layerErrors("server/x.ts", `import { generate } from "@/lib/models/generate";\nvoid generate;\n`),
    ).toEqual([]);
  });

  it("names a folder that has no layer yet", async () => {
    expect(
      await layerErrors("lib/newfolder/x.ts", `import { getEnv } from "@/lib/env";\nvoid getEnv;\n`),
    ).toEqual([expect.stringContaining("lib/newfolder is not in LIB_LAYERS")]);
  });

  it("gives every folder and top-level file of lib exactly one layer", () => {
    const units = new Set(readdirSync(path.join(ROOT, "lib")).map((name) => name.split(".")[0]!));
    const declared = LIB_LAYERS.flat();
    expect(new Set(declared).size).toBe(declared.length);
    expect([...units].filter((u) => !declared.includes(u)).sort()).toEqual([]);
  });
});
