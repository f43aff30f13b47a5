/**
 * The shape of one template version's definition (template_versions.definition). The checks
 * that need the template engine (reserved slot names, the source compiles, locked regions
 * shown, slots used) are added in lib/templates/definition.ts; they narrow, never change,
 * the type.
 */
import { z } from "zod";

/** The format of a slot name; lib/templates/definition.ts adds the reserved names. */
const slotName = z
  .string()
  .regex(
    /^[a-z][A-Za-z0-9]{0,39}$/,
    "Use a camelCase name of letters and digits, such as headline or ctaUrl",
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
export const templateDefinitionShape = z.discriminatedUnion("channel", [
  z.object({ ...common, channel: z.literal("email"), body: z.object({ html: source, text: source }) }),
  z.object({ ...common, channel: z.literal("landing"), body: z.object({ html: source }) }),
  z.object({ ...common, channel: z.literal("display"), body: z.object({ html: source }) }),
  z.object({ ...common, channel: z.literal("social"), body: z.object({ text: source }) }),
  z.object({ ...common, channel: z.literal("push"), body: z.object({ text: source }) }),
]);

export type TemplateDefinition = z.infer<typeof templateDefinitionShape>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionShape>;
