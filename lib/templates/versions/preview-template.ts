import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { parseOrThrow } from "@/lib/errors";
import { compileTemplate } from "@/lib/templates/engine/compile-template";
import { sampleSlots } from "@/lib/templates/sample-slots";
import { brandRenderContext } from "./brand-render-context";

export const previewTemplateInput = z.object({ brandId: z.string().uuid(), definition: z.unknown() });

/**
 * The editor's live preview: compiles a draft and renders it with sample slot values, the
 * brand's name and logo, and the published kit's disclaimers. Compile errors come back with
 * line and column instead of being thrown, since a draft being wrong is the normal case.
 */
export async function previewTemplate(
  principal: Principal | null,
  raw: z.input<typeof previewTemplateInput>,
) {
  const { brandId, definition } = parseOrThrow(previewTemplateInput, raw);
  authorize(principal, "templates:view", brandId);
  const compiled = compileTemplate(definition);
  if (!compiled.ok) return { ok: false as const, errors: compiled.errors };
  const result = compiled.render({
    slots: sampleSlots(compiled.definition),
    ...(await brandRenderContext(brandId, (await getPublishedKit(brandId))?.kit)),
  });
  return {
    ok: true as const,
    channel: compiled.definition.channel,
    parts: result.parts,
    slotErrors: result.slotErrors,
  };
}
