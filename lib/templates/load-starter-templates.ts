/**
 * Reads the starter templates shipped in `templates/` (one folder per template:
 * `template.json` plus `html.hbs` and/or `text.hbs`) and returns them validated and
 * compiled. The seed calls this; a starter that does not compile is a bug in the release,
 * so it stops the seed with the folder and the errors rather than being skipped.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { compileTemplate } from "@/lib/templates/engine/compile-template";

export interface StarterTemplate {
  /** The folder name, e.g. `email-newsletter`: the template's stable key within a brand. */
  key: string;
  definition: TemplateDefinition;
  /** SHA-256 of the canonical definition, for `template_versions.content_hash`. */
  hash: string;
}

export interface LoadStarterTemplatesOptions {
  /** Defaults to `templates/` under the working directory, where `npm start` and the seed run. */
  dir?: string;
}

async function readStarter(dir: string, key: string): Promise<unknown> {
  const folder = path.join(dir, key);
  const meta = JSON.parse(await readFile(path.join(folder, "template.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const body: Record<string, string> = {};
  for (const part of ["html", "text"]) {
    const file = path.join(folder, part === "html" ? "html.hbs" : "text.txt");
    if (existsSync(file)) body[part] = await readFile(file, "utf8");
  }
  return { ...meta, body };
}

export async function loadStarterTemplates(
  options: LoadStarterTemplatesOptions = {},
): Promise<StarterTemplate[]> {
  const dir = options.dir ?? path.join(process.cwd(), "templates");
  const entries = await readdir(dir, { withFileTypes: true });
  const keys = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const starters: StarterTemplate[] = [];
  for (const key of keys) {
    const compiled = compileTemplate(await readStarter(dir, key));
    if (!compiled.ok) {
      throw new AppError("internal", `Starter template "${key}" does not compile`, compiled.errors);
    }
    starters.push({ key, definition: compiled.definition, hash: compiled.hash });
  }
  return starters;
}
