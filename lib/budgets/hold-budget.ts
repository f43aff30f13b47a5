import { attemptsCost } from "@/lib/models/cost";
import { applicableBudgets } from "./applicable-budgets";
import { estimateMaxCost, type CostEstimateInput } from "./estimate-max-cost";
import { assertBudgetLeft, reserveBudget, type BudgetHold } from "./reserve-budget";

export type { BudgetHold } from "./reserve-budget";

export interface HoldBudgetInput extends CostEstimateInput {
  brandId: string;
  /** The calling key, if a key calls: its own budget applies too. */
  apiKeyId: string | null;
  /** The brand state version the request's key read, to use cached budgets. */
  brandStateVersion?: number;
}

/**
 * The one hook before a model call: null when no budget governs it (nothing else is done),
 * else a reservation to settle with the call's actual cost. Throws 429 `budget_exceeded`.
 */
export async function holdBudget(input: HoldBudgetInput): Promise<BudgetHold | null> {
  const budgets = await applicableBudgets(input.brandId, input.apiKeyId, input.brandStateVersion);
  if (budgets.length === 0) return null;
  return reserveBudget(budgets, await estimateMaxCost(input));
}

/** Refuses new work (a generation, a batch) once a budget governing it is spent. */
export async function requireBudgetLeft(brandId: string, apiKeyId: string | null): Promise<void> {
  const budgets = await applicableBudgets(brandId, apiKeyId);
  if (budgets.length > 0) await assertBudgetLeft(budgets);
}

/**
 * Runs one model call under the budgets that govern it (a pipeline round): reserved before,
 * settled at its attempts' cost after; a call that threw settles at 0 (no leg answered).
 */
export async function withBudget<T extends { attempts: readonly { costMicroUsd?: number }[] }>(
  input: HoldBudgetInput,
  run: () => Promise<T>,
): Promise<T> {
  const hold = await holdBudget(input);
  if (!hold) return run();
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await hold.settle(0);
    throw err;
  }
  await hold.settle(attemptsCost(result.attempts));
  return result;
}
