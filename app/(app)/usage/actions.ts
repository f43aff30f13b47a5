"use server";

import { revalidatePath } from "next/cache";
import { deleteBudget, deleteBudgetInput, setBudget, setBudgetInput } from "@/lib/budgets/set-budget";
import { withSessionAction } from "../../_auth/with-session";

/** Admin-only: lib/budgets authorizes `budgets:manage` on the brand in the input. */
export const saveBudget = withSessionAction(setBudgetInput, async (session, input) => {
  const row = await setBudget(session, input);
  revalidatePath("/usage");
  return { budgetId: row.id };
});

export const removeBudget = withSessionAction(deleteBudgetInput, async (session, input) => {
  await deleteBudget(session, input);
  revalidatePath("/usage");
  return { budgetId: input.budgetId };
});
