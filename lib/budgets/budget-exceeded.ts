import type { BudgetScope } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatUsd } from "@/lib/models/cost";

/** The one refusal of a spent budget: 429 `budget_exceeded`, until the UTC month turns. */
export function budgetExceeded(scope: BudgetScope, limitMicroUsd: number, spentMicroUsd: number): AppError {
  const now = new Date();
  const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const who = scope === "brand" ? "This brand's" : "This API key's";
  return new AppError(
    "budget_exceeded",
    `${who} monthly budget of ${formatUsd(limitMicroUsd)} USD is spent; no new model calls until it is raised or the month turns (UTC)`,
    {
      scope,
      currency: "USD",
      limitUsd: formatUsd(limitMicroUsd),
      spentUsd: formatUsd(spentMicroUsd),
      resetsAt: new Date(nextMonth).toISOString(),
    },
    Math.ceil((nextMonth - now.getTime()) / 1000),
  );
}
