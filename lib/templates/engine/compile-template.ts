/**
 * Compiles a template version once and caches it by content hash (DESIGN.md: templates are
 * compiled when their version is published, not per request). Compiling includes a trial
 * render with sample values, so a template that would fail at render time fails here, in
 * the editor, with a position — and the lazy Handlebars compile has already happened.
 */
import type { z } from "zod";
import { templateDefinitionSchema, type BodyPart, type TemplateDefinition } from "@/lib/templates/definition";
import {
  HTML_COMPILE_OPTIONS,
  RUNTIME_OPTIONS,
  TEXT_COMPILE_OPTIONS,
  handlebars,
} from "@/lib/templates/engine/handlebars-env";
import { buildRenderContext, type RenderBrand, type RenderKit } from "@/lib/templates/engine/render-context";
import { sanitizeRenderedHtml } from "@/lib/templates/engine/sanitize-rendered-html";
import { toSourceError, type SourceError } from "@/lib/templates/engine/source-error";
import { TemplateCache } from "@/lib/templates/engine/template-cache";
import { hashTemplateDefinition } from "@/lib/templates/hash-template-definition";
import { sampleSlots } from "@/lib/templates/sample-slots";
import { validateSlots, type SlotError } from "@/lib/templates/validate-slots";

/** `path` is the field at fault, e.g. `body.html` or `slots.2.maxLength`; source errors carry a position. */
export interface TemplateError {
  message: string;
  path: string;
  line?: number;
  column?: number;
}

export interface RenderInput {
  /** Slot values, usually model output: validated against the slot schema before use. */
  slots: unknown;
  brand: RenderBrand;
  kit: RenderKit;
}

export interface RenderResult {
  /** Empty when any slot is invalid: nothing is rendered from bad input. */
  parts: Partial<Record<BodyPart, string>>;
  slotErrors: SlotError[];
}

export interface CompiledTemplate {
  hash: string;
  definition: TemplateDefinition;
  render: (input: RenderInput) => RenderResult;
}

export type CompileResult = ({ ok: true } & CompiledTemplate) | { ok: false; errors: TemplateError[] };

const SAMPLE_BRAND: RenderBrand = { name: "Sample Brand", logoUrl: "https://example.com/logo.png" };
const SAMPLE_KIT: RenderKit = {
  disclaimers: Object.fromEntries(
    ["email", "social", "display", "push", "landing"].map((channel) => [channel, ["Sample disclaimer."]]),
  ),
};

const cache = new TemplateCache<CompiledTemplate>();

function issuesToErrors(error: z.ZodError): TemplateError[] {
  return error.issues.map((issue) => {
    const path = issue.path.join(".");
    // Source errors carry their position in `params` (see definition.ts); the editor wants it apart.
    const at = (issue as { params?: Partial<SourceError> }).params;
    return typeof at?.line === "number" && typeof at.column === "number" && typeof at.message === "string"
      ? { message: at.message, path, line: at.line, column: at.column }
      : { message: issue.message, path };
  });
}

function makeRender(definition: TemplateDefinition, parts: [BodyPart, HandlebarsTemplateDelegate][]) {
  return ({ slots, brand, kit }: RenderInput): RenderResult => {
    const { values, errors } = validateSlots(definition.slots, slots);
    if (errors.length > 0) return { parts: {}, slotErrors: errors };
    const context = buildRenderContext(values, brand, kit, definition.channel);
    const out: Partial<Record<BodyPart, string>> = {};
    for (const [part, template] of parts) {
      const raw = template(context, RUNTIME_OPTIONS);
      // Standalone lines leave edge whitespace; a push or social text must not start or end with it.
      out[part] = part === "html" ? sanitizeRenderedHtml(raw) : raw.trim();
    }
    return { parts: out, slotErrors: [] };
  };
}

/** Accepts a stored or edited definition (validated here); the result is cached by content hash. */
export function compileTemplate(input: unknown): CompileResult {
  const inputHash = hashTemplateDefinition(input);
  const hit = cache.get(inputHash);
  if (hit) return { ok: true, ...hit };

  const parsed = templateDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error) };
  const definition = parsed.data;
  const hash = hashTemplateDefinition(definition);

  const parts = (Object.entries(definition.body) as [BodyPart, string][]).map(
    ([part, source]) =>
      [part, handlebars.compile(source, part === "html" ? HTML_COMPILE_OPTIONS : TEXT_COMPILE_OPTIONS)] as [
        BodyPart,
        HandlebarsTemplateDelegate,
      ],
  );
  const errors: TemplateError[] = [];
  const context = buildRenderContext(
    validateSlots(definition.slots, sampleSlots(definition)).values,
    SAMPLE_BRAND,
    SAMPLE_KIT,
    definition.channel,
  );
  for (const [part, template] of parts) {
    try {
      template(context, RUNTIME_OPTIONS);
    } catch (err) {
      errors.push({ ...toSourceError(err), path: `body.${part}` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const compiled: CompiledTemplate = { hash, definition, render: makeRender(definition, parts) };
  cache.set(hash, compiled);
  if (inputHash !== hash) cache.set(inputHash, compiled);
  return { ok: true, ...compiled };
}
