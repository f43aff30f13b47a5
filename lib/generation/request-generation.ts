import { z } from "zod";
import { boundedObject } from "@/lib/input-limits";
import { getLatestApprovedVersion } from "@/lib/templates/versions/get-latest-approved-version";
import { briefSchema } from "./brief";
import type { Principal } from "@/lib/auth/principal";
import { createGeneration } from "./create-generation";
import { isSettled, type GenerationView } from "./generation-view";
import { waitForGeneration } from "./wait-for-generation";

/** The longest a request may wait for its generation (`Prefer: wait=N`). */
export const MAX_WAIT_SECONDS = 60;

/** The API's request body for a generation. */
export const requestGenerationBody = z
  .object({
    templateVersionId: z
      .string()
      .uuid()
      .optional()
      .describe("An approved template version; or send `template`"),
    template: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("A template's slug (`GET /api/v1/templates`): its latest approved version is used"),
    brief: briefSchema,
    assetIds: z.array(z.string().uuid()).max(10).optional(),
    audience: boundedObject().nullable().optional(),
    unit: z.string().min(1).max(200).optional().describe("Sticky routing key (e.g. a user id)"),
  })
  .refine((b) => (b.templateVersionId === undefined) !== (b.template === undefined), {
    path: ["template"],
    message: "Send either `template` (a slug) or `templateVersionId`, not both",
  });

export interface RequestedGeneration {
  view: GenerationView;
  finished: boolean;
}

/**
 * Queues a generation for the API, submitted to review once stored, and with `waitSeconds`
 * waits up to that long for it to finish.
 */
export async function requestGeneration(
  principal: Principal | null,
  brandId: string,
  body: z.input<typeof requestGenerationBody>,
  options: { waitSeconds?: number; signal?: AbortSignal } = {},
): Promise<RequestedGeneration> {
  const templateVersionId =
    body.templateVersionId ?? (await getLatestApprovedVersion(brandId, body.template!));
  const created = await createGeneration(principal, {
    brandId,
    templateVersionId,
    brief: body.brief,
    assetIds: body.assetIds,
    audience: body.audience ?? null,
    unitKey: body.unit ?? null,
    autoSubmit: true,
  });
  const waitMs = Math.min(options.waitSeconds ?? 0, MAX_WAIT_SECONDS) * 1000;
  const view = await waitForGeneration(principal, brandId, created.id, { waitMs, signal: options.signal });
  return { view, finished: isSettled(view) };
}
