/**
 * The content of one template version: what the editor saves, what is approved, and what
 * the engine compiles. A definition that parses here is known to compile: its source is
 * checked for undeclared variables, raw output and unknown helpers, and it shows the locked
 * regions (logo, brand name, disclaimers) that the brand kit — never a slot — fills in.
 */
import { checkTemplateSource } from "@/lib/templates/engine/check-template-source";
import { HELPERS } from "@/lib/templates/engine/helpers";
import { LOCKED_SHAPES } from "@/lib/templates/engine/render-context";
import { checkSlotValue } from "@/lib/templates/validate-slots";

// One list of channels for kits and templates.
import { CHANNELS, channelSchema, type Channel } from "@/lib/brand/kit";
export { CHANNELS, channelSchema, type Channel };

// The shape lives in db (template_versions.definition is typed by it).
import {
  templateDefinitionShape,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from "@/db/schema/json/template-definition";
export {
  slotSchema,
  textSlotSchema,
  urlSlotSchema,
  listSlotSchema,
  type Slot,
} from "@/db/schema/json/template-definition";
export type { TemplateDefinition, TemplateDefinitionInput };

export type BodyPart = "html" | "text";

/**
 * Names a slot may not take: the locked roots (a slot called `kit` would be the model
 * writing the disclaimers), the helpers and built-ins Handlebars would read as calls, and
 * every `Object.prototype` member, so no slot ever resolves to something inherited.
 */
const RESERVED_SLOT_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(LOCKED_SHAPES),
  ...Object.keys(HELPERS),
  ...["if", "unless", "each", "with", "else", "this", "lookup", "log", "root", "channel", "slots"],
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Locked fields each part must show: HTML parts carry the logo and the legal footer. */
const REQUIRED_LOCKED: Record<BodyPart, readonly string[]> = {
  html: ["brand.logoUrl", "brand.name", "kit.disclaimers"],
  text: ["kit.disclaimers"],
};

export const templateDefinitionSchema = templateDefinitionShape.superRefine((definition, ctx) => {
  const seen = new Set<string>();
  definition.slots.forEach((slot, i) => {
    if (RESERVED_SLOT_NAMES.has(slot.name))
      ctx.addIssue({
        code: "custom",
        path: ["slots", i, "name"],
        message: "This name is reserved for the brand, the kit or a helper",
      });
    if (seen.has(slot.name))
      ctx.addIssue({ code: "custom", path: ["slots", i, "name"], message: "Slot names must be unique" });
    seen.add(slot.name);
    if (slot.example === undefined) return;
    const problem = checkSlotValue(slot, slot.example);
    if (problem)
      ctx.addIssue({ code: "custom", path: ["slots", i, "example"], message: `The example ${problem}` });
  });

  const used = new Set<string>();
  // Usage is only complete when every part parsed; otherwise "never used" would be noise.
  let sourcesChecked = true;
  for (const [part, text] of Object.entries(definition.body) as [BodyPart, string][]) {
    const check = checkTemplateSource(text, definition.slots);
    for (const error of check.errors) {
      ctx.addIssue({
        code: "custom",
        path: ["body", part],
        message: `Line ${error.line}, column ${error.column}: ${error.message}`,
        params: error,
      });
    }
    if (check.errors.length > 0) {
      sourcesChecked = false;
      continue;
    }
    for (const path of check.used) used.add(path.split(".")[0]!);
    for (const locked of REQUIRED_LOCKED[part]) {
      if (!check.used.has(locked)) {
        ctx.addIssue({
          code: "custom",
          path: ["body", part],
          message: `The ${part} part must show {{${locked}}}: it is a locked region the brand kit supplies`,
        });
      }
    }
  }
  definition.slots.forEach((slot, i) => {
    if (sourcesChecked && !used.has(slot.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["slots", i, "name"],
        message: `Slot "${slot.name}" is declared but never used`,
      });
    }
  });
});
