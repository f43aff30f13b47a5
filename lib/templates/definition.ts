/**
 * The content of one template version: what the editor saves, what is approved, and what
 * the engine compiles. A definition that parses here is known to compile: its source is
 * checked for undeclared variables, raw output and unknown helpers, and it shows the locked
 * regions (logo, brand name, disclaimers) that the brand kit — never a slot — fills in.
 */
import { z } from "zod";
import { checkTemplateSource } from "@/lib/templates/engine/check-template-source";
import { HELPERS } from "@/lib/templates/engine/helpers";
import { LOCKED_SHAPES } from "@/lib/templates/engine/render-context";
import { checkSlotValue } from "@/lib/templates/validate-slots";

// One list of channels for kits and templates.
import { CHANNELS, channelSchema, type Channel } from "@/lib/brand/kit";
export { CHANNELS, channelSchema, type Channel };

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

const slotName = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,39}$/, "Use a camelCase name of letters and digits, such as headline or ctaUrl")
  .refine(
    (name) => !RESERVED_SLOT_NAMES.has(name),
    "This name is reserved for the brand, the kit or a helper",
  );

const slotBase = {
  name: slotName,
  /** Shown to the model in the prompt: what this slot is for and how it should read. */
  hint: z.string().trim().max(500).default(""),
  required: z.boolean().default(true),
};

export const textSlotSchema = z.object({
  ...slotBase,
  type: z.literal("text"),
  /** In Unicode code points, as the kit's length limits are counted. */
  maxLength: z.number().int().min(1).max(10_000),
  /** A value for the live preview; must itself be a valid value. */
  example: z.string().optional(),
});

export const urlSlotSchema = z.object({
  ...slotBase,
  type: z.literal("url"),
  maxLength: z.number().int().min(20).max(2048),
  example: z.string().optional(),
});

export const listSlotSchema = z.object({
  ...slotBase,
  type: z.literal("list"),
  /** Per item. */
  maxLength: z.number().int().min(1).max(2000),
  maxItems: z.number().int().min(1).max(20),
  example: z.array(z.string()).optional(),
});

export const slotSchema = z.discriminatedUnion("type", [textSlotSchema, urlSlotSchema, listSlotSchema]);
export type Slot = z.infer<typeof slotSchema>;

const source = z.string().min(1, "The template body is empty").max(200_000);

const common = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(""),
  slots: z.array(slotSchema).max(30),
};

/** Email carries both MIME parts; push and social are plain text; display and landing are HTML. */
const definitionShape = z.discriminatedUnion("channel", [
  z.object({ ...common, channel: z.literal("email"), body: z.object({ html: source, text: source }) }),
  z.object({ ...common, channel: z.literal("landing"), body: z.object({ html: source }) }),
  z.object({ ...common, channel: z.literal("display"), body: z.object({ html: source }) }),
  z.object({ ...common, channel: z.literal("social"), body: z.object({ text: source }) }),
  z.object({ ...common, channel: z.literal("push"), body: z.object({ text: source }) }),
]);

/** Locked fields each part must show: HTML parts carry the logo and the legal footer. */
const REQUIRED_LOCKED: Record<BodyPart, readonly string[]> = {
  html: ["brand.logoUrl", "brand.name", "kit.disclaimers"],
  text: ["kit.disclaimers"],
};

export const templateDefinitionSchema = definitionShape.superRefine((definition, ctx) => {
  const seen = new Set<string>();
  definition.slots.forEach((slot, i) => {
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

export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;
