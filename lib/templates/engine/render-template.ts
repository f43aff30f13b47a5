import { AppError } from "@/lib/errors";
import type { Channel } from "@/lib/templates/definition";
import {
  compileTemplate,
  type CompileResult,
  type RenderInput,
  type RenderResult,
} from "@/lib/templates/engine/compile-template";

/**
 * Compile results by the stored definition object they came from: getUsableTemplateVersion
 * keeps one object per version, so a render after the first skips hashing the definition to
 * find it in compileTemplate's cache. Stored versions never change.
 */
const byDefinition = new WeakMap<object, CompileResult>();

export interface RenderTemplateOptions extends RenderInput {
  /** A stored template version's definition; compiled once, then served from the cache. */
  definition: unknown;
  /** The channel the content is for; must be the template's own. */
  channel?: Channel;
}

/**
 * Renders slot values into a template version. Slot problems come back as `slotErrors`
 * (with nothing rendered) because they are the model's to fix; a definition that does not
 * compile is an error, because only compiled, approved versions should reach this point.
 */
export function renderTemplate({ definition, channel, ...input }: RenderTemplateOptions): RenderResult {
  let compiled = typeof definition === "object" && definition ? byDefinition.get(definition) : undefined;
  if (!compiled) {
    compiled = compileTemplate(definition);
    if (compiled.ok && typeof definition === "object" && definition) byDefinition.set(definition, compiled);
  }
  if (!compiled.ok) throw new AppError("unprocessable", "The template does not compile", compiled.errors);
  if (channel && channel !== compiled.definition.channel) {
    throw new AppError(
      "bad_request",
      `This is a ${compiled.definition.channel} template; it cannot render ${channel} content`,
      { path: "channel" },
    );
  }
  return compiled.render(input);
}
