import { z } from "zod";
import { eq } from "drizzle-orm";
import { brands } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { parseOrThrow } from "@/lib/errors";
import { compileTemplate } from "@/lib/templates/engine/compile-template";
import { sampleSlots } from "@/lib/templates/sample-slots";

export const previewTemplateInput = z.object({ brandId: z.string().uuid(), definition: z.unknown() });

/**
 * The editor's live preview: compiles a draft and renders it with sample slot values, the
 * brand's name and logo, and the published kit's disclaimers. Compile errors come back with
 * line and column instead of being thrown, since a draft being wrong is the normal case.
 */
export async function previewTemplate(session: Session | null, raw: z.input<typeof previewTemplateInput>) {
  const { brandId, definition } = parseOrThrow(previewTemplateInput, raw);
  authorize(session, "templates:view", brandId);
  const compiled = compileTemplate(definition);
  if (!compiled.ok) return { ok: false as const, errors: compiled.errors };
  const [brand] = await db().select({ name: brands.name }).from(brands).where(eq(brands.id, brandId));
  const kit = (await getPublishedKit(brandId))?.kit;
  const result = compiled.render({
    slots: sampleSlots(compiled.definition),
    brand: { name: brand?.name ?? "Brand", logoUrl: `${getEnv().PUBLIC_URL}/brand-logo.svg` },
    kit: { disclaimers: kit?.disclaimers ?? {} },
  });
  return {
    ok: true as const,
    channel: compiled.definition.channel,
    parts: result.parts,
    slotErrors: result.slotErrors,
  };
}
