import { and, eq } from "drizzle-orm";
import { z } from "zod";
import {
  contentItems,
  contentRevisions,
  contentStatusEnum,
  generations,
  generationStatusEnum,
} from "@/db/schema";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";

export const TERMINAL_STATUSES = ["succeeded", "blocked", "failed"] as const;

export const generationStepSchema = z.object({
  name: z.string(),
  status: z.enum(["done", "failed", "skipped"]),
  ms: z.number().int(),
  round: z.number().int().optional(),
  detail: z.string().optional(),
});

/**
 * What the governed API says about a generation: progress, and ids and statuses only. The
 * text it produced is not here: it is served by /content once approved, never before.
 */
export const generationViewSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(generationStatusEnum.enumValues),
  steps: z.array(generationStepSchema),
  result: z
    .object({
      contentItemId: z.string().uuid(),
      contentStatus: z.enum(contentStatusEnum.enumValues),
      checks: z.object({
        score: z.number().int(),
        blocked: z.boolean(),
        legalReview: z.boolean(),
      }),
    })
    .nullable()
    .describe("The content item it stored, once succeeded"),
  errors: z.array(z.string()).describe("Why it was blocked or failed"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GenerationView = z.infer<typeof generationViewSchema>;

/** One generation of the caller's brand as the API shows it; another brand's is a 404. */
export async function getGenerationView(
  principal: Principal | null,
  brandId: string,
  id: string,
): Promise<GenerationView> {
  authorize(principal, "library:view", brandId);
  // Any id that is not a uuid names no generation: the same 404 as an unknown one.
  if (!z.string().uuid().safeParse(id).success)
    throw new AppError("not_found", "No such generation in this brand");
  const [row] = await db()
    .select({
      gen: generations,
      contentStatus: contentItems.status,
      score: contentRevisions.score,
      blocked: contentRevisions.blocked,
      legalReview: contentRevisions.legalReview,
    })
    .from(generations)
    .leftJoin(contentItems, eq(contentItems.id, generations.contentItemId))
    .leftJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(eq(generations.id, id), eq(generations.brandId, brandId)));
  if (!row) throw new AppError("not_found", "No such generation in this brand");
  const { gen } = row;
  // Read defensively: rows written before the outcome had its type may lack the list.
  const reasons: unknown = gen.outcome?.reasons;
  return {
    id: gen.id,
    status: gen.status,
    steps: gen.steps.map(({ name, status, ms, round, detail }) => ({
      name,
      status,
      ms,
      ...(round !== undefined && { round }),
      ...(detail !== undefined && { detail }),
    })),
    result:
      gen.contentItemId && row.contentStatus && row.score !== null
        ? {
            contentItemId: gen.contentItemId,
            contentStatus: row.contentStatus,
            checks: { score: row.score, blocked: row.blocked!, legalReview: row.legalReview! },
          }
        : null,
    errors: Array.isArray(reasons) ? reasons.map(String) : [],
    createdAt: gen.createdAt.toISOString(),
    updatedAt: gen.updatedAt.toISOString(),
  };
}

/**
 * Finished, with every step recorded. A success flips the status inside the store step's
 * transaction, and the `store` and `submit` steps are written just after it: until `submit`
 * is there, a succeeded generation is still settling.
 */
export function isSettled(view: Pick<GenerationView, "status" | "steps">): boolean {
  if (!(TERMINAL_STATUSES as readonly string[]).includes(view.status)) return false;
  return view.status !== "succeeded" || view.steps.some((s) => s.name === "submit");
}
