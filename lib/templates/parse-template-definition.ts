import { AppError } from "@/lib/errors";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { compileTemplate } from "@/lib/templates/engine/compile-template";

/**
 * For saving a version: the definition validated and compiled, or a `validation_failed`
 * error whose details name each field (`body.html`, `slots.2.maxLength`) and, for source
 * errors, the line and column. Compiling here also warms the cache for the first render.
 */
export function parseTemplateDefinition(input: unknown): { definition: TemplateDefinition; hash: string } {
  const compiled = compileTemplate(input);
  if (!compiled.ok) throw new AppError("validation_failed", "The template is not valid", compiled.errors);
  return { definition: compiled.definition, hash: compiled.hash };
}
