import { z } from "zod";
import { generationBatches, generations } from "@/db/schema";
import { authorize, requireUser } from "@/lib/auth/authorize";
import { requireBudgetLeft } from "@/lib/budgets/hold-budget";
import { apiKeyIdOf, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";
import { briefSchema } from "../brief";
import { parseAudienceCsv } from "./parse-audience-csv";
import { resumeBatch } from "./resume-batch";

export const createBatchInput = z.object({
  brandId: z.string().uuid(),
  templateVersionId: z.string().uuid(),
  brief: briefSchema,
  csv: z.string().min(1, "Attach a CSV").max(5_000_000),
});

/**
 * One generation per CSV row. All rows are stored in one transaction (each with the batch
 * id and its row number as idempotency key) before any job is queued, so an interrupted
 * batch can always be resumed from what is stored: see resumeBatch.
 */
export async function createBatch(principal: Principal | null, raw: z.input<typeof createBatchInput>) {
  const input = parseOrThrow(createBatchInput, raw);
  authorize(principal, "studio:use", input.brandId);
  await requireBudgetLeft(input.brandId, apiKeyIdOf(principal));
  const { user } = requireUser(principal);
  await getUsableTemplateVersion(input.brandId, input.templateVersionId);
  const rows = parseAudienceCsv(input.csv);
  const batch = await db().transaction(async (tx) => {
    const [batch] = await tx
      .insert(generationBatches)
      .values({
        brandId: input.brandId,
        createdBy: user.id,
        templateVersionId: input.templateVersionId,
        brief: input.brief,
        totalRows: rows.length,
      })
      .returning();
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(generations).values(
        rows.slice(i, i + 500).map((row, j) => ({
          brandId: input.brandId,
          createdBy: user.id,
          templateVersionId: input.templateVersionId,
          brief: input.brief,
          audience: row.audience,
          unitKey: row.unitKey,
          batchId: batch!.id,
          batchRow: i + j + 1,
          idempotencyKey: `batch:${batch!.id}:${i + j + 1}`,
          autoSubmit: false,
        })),
      );
    }
    return batch!;
  });
  await resumeBatch(principal, { brandId: input.brandId, batchId: batch.id });
  return batch;
}
