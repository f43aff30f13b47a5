import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, budgets, type BudgetRow } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import { userIdOf, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { usdAmount, usdToMicro } from "./money";

export const setBudgetInput = z
  .object({
    brandId: z.string().uuid(),
    scope: z.enum(["brand", "key"]),
    /** For a `key` budget: any key of the lineage (the budget follows rotations). */
    apiKeyId: z.string().uuid().nullable().default(null),
    limitUsd: usdAmount,
    /** The share of the limit at which the month's warning goes out. */
    warnAt: z.number().gt(0).max(1).default(0.8),
  })
  .refine((b) => (b.scope === "key") === (b.apiKeyId !== null), {
    path: ["apiKeyId"],
    message: "A key budget names its key (apiKeyId); a brand budget names none",
  });

/**
 * Sets the brand's or one key's monthly budget (creating or replacing it); audited. It takes
 * effect at the next call on every instance: budgets bump the brand state version.
 */
export async function setBudget(
  principal: Principal | null,
  raw: z.input<typeof setBudgetInput>,
): Promise<BudgetRow> {
  const input = parseOrThrow(setBudgetInput, raw);
  authorize(principal, "budgets:manage", input.brandId);
  let lineageId: string | null = null;
  if (input.apiKeyId) {
    const [key] = await db()
      .select({ lineageId: apiKeys.lineageId })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, input.apiKeyId), eq(apiKeys.brandId, input.brandId)));
    if (!key) throw new AppError("not_found", "No such API key in this brand", { path: "apiKeyId" });
    lineageId = key.lineageId;
  }
  const values = {
    limitMicroUsd: usdToMicro(input.limitUsd),
    warnAt: input.warnAt,
    updatedBy: userIdOf(principal),
  };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(budgets)
      .values({ brandId: input.brandId, scope: input.scope, apiKeyLineageId: lineageId, ...values })
      .onConflictDoUpdate({
        target: [budgets.brandId, budgets.scope, budgets.apiKeyLineageId],
        set: { ...values, updatedAt: sql`now()` },
      })
      .returning();
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "budget.set",
      target: { type: "budget", id: row!.id },
      data: {
        scope: input.scope,
        apiKeyLineageId: lineageId,
        limitUsd: input.limitUsd,
        warnAt: input.warnAt,
      },
    });
    return row!;
  });
}

export const deleteBudgetInput = z.object({ brandId: z.string().uuid(), budgetId: z.string().uuid() });

/** Removes a budget: its scope is no longer limited; audited. */
export async function deleteBudget(
  principal: Principal | null,
  raw: z.input<typeof deleteBudgetInput>,
): Promise<void> {
  const input = parseOrThrow(deleteBudgetInput, raw);
  authorize(principal, "budgets:manage", input.brandId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .delete(budgets)
      .where(and(eq(budgets.id, input.budgetId), eq(budgets.brandId, input.brandId)))
      .returning();
    if (!row) throw new AppError("not_found", "No such budget in this brand");
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "budget.deleted",
      target: { type: "budget", id: row.id },
      data: { scope: row.scope, apiKeyLineageId: row.apiKeyLineageId },
    });
  });
}
