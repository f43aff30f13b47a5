/**
 * What a template sees besides its slots. These are the locked regions: the logo, the brand
 * name in the legal footer and the channel's disclaimers come from the brand and its kit,
 * so no slot (and so no model output) can stand in for them.
 */
import type { Channel } from "@/lib/templates/definition";

export interface RenderBrand {
  name: string;
  /** Absolute http(s) URL, or `cid:` for an image attached to an email. */
  logoUrl: string;
}

/** Structurally a subset of the brand kit (lib/brand/kit.ts), so a whole kit can be passed. */
export interface RenderKit {
  disclaimers: Partial<Record<Channel, readonly string[]>>;
}

/** A value's shape as a template sees it; the source checker resolves paths against these. */
export type Shape =
  | { kind: "text" }
  | { kind: "list"; item: Shape }
  | { kind: "object"; fields: Readonly<Record<string, Shape>> };

const text: Shape = { kind: "text" };

/** The locked roots and their fields. A slot may not take any of these names. */
export const LOCKED_SHAPES: Readonly<Record<string, Shape>> = {
  brand: { kind: "object", fields: { name: text, logoUrl: text } },
  kit: { kind: "object", fields: { disclaimers: { kind: "list", item: text } } },
};

/**
 * The root object handed to Handlebars. Slot values are copied by declared name only, and
 * the locked roots are written last, so an input key such as `kit` or `__proto__` can
 * neither reach the template nor shadow a locked region. `Object.fromEntries` defines own
 * properties, so even a key named `__proto__` would not touch a prototype.
 */
export function buildRenderContext(
  slotValues: ReadonlyMap<string, string | readonly string[]>,
  brand: RenderBrand,
  kit: RenderKit,
  channel: Channel,
): Record<string, unknown> {
  return Object.fromEntries([
    ...slotValues,
    ["brand", { name: brand.name, logoUrl: brand.logoUrl }],
    ["kit", { disclaimers: [...(kit.disclaimers[channel] ?? [])] }],
  ]);
}
