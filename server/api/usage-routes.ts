import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getUsage } from "@/lib/budgets/get-usage";
import { listBudgets, type BudgetView } from "@/lib/budgets/list-budgets";
import { usdAmount } from "@/lib/budgets/money";
import { deleteBudget, setBudget } from "@/lib/budgets/set-budget";
import { formatUsd } from "@/lib/models/cost";
import { callerBrand } from "./caller-brand";

const usd = z.string().describe("US dollars, a decimal string with six places (exact: micro-dollars)");

const usageRow = z.object({
  day: z.string().describe("UTC day, YYYY-MM-DD"),
  apiKeyId: z.string().uuid().nullable().describe("Null for calls made by people or by Brandgate itself"),
  keyName: z.string().nullable(),
  versionId: z.string().uuid(),
  versionLabel: z.string().describe("model-slug@version-tag"),
  calls: z.number().int(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: usd,
  unpricedCalls: z.number().int().describe("Calls to a version with no price, counted at 0"),
});

const budget = z.object({
  id: z.string().uuid(),
  scope: z.enum(["brand", "key"]),
  key: z.object({ id: z.string().uuid(), name: z.string(), prefix: z.string() }).nullable(),
  limitUsd: usd,
  warnAt: z.number(),
  spentUsd: usd.describe("This UTC month"),
  reservedUsd: usd.describe("Held by calls in flight (an upper bound of their cost)"),
  usedRatio: z.number(),
  status: z.enum(["ok", "warning", "exceeded"]),
  updatedAt: z.string(),
});

const toBudget = (b: BudgetView): z.infer<typeof budget> => ({
  id: b.id,
  scope: b.scope,
  key: b.key,
  limitUsd: formatUsd(b.limitMicroUsd),
  warnAt: b.warnAt,
  spentUsd: formatUsd(b.spentMicroUsd),
  reservedUsd: formatUsd(b.reservedMicroUsd),
  usedRatio: b.usedRatio,
  status: b.status,
  updatedAt: b.updatedAt.toISOString(),
});

const read = {
  config: { auth: { scope: "usage:read" as const } },
  tags: ["usage"],
  security: [{ apiKey: [] }],
};
const write = { ...read, config: { auth: { scope: "budgets:write" as const } } };
const money =
  "Money is US dollars as decimal strings (stored exactly, in micro-dollars); a version with no price costs 0 and is counted in `unpricedCalls`.";

/** What model calls cost, and the monthly budgets that stop them. */
export async function registerUsageRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/usage",
    {
      config: read.config,
      schema: {
        summary: "Cost totals per day, key and model version",
        description: `Needs an API key with the \`usage:read\` scope (or a marketer's or admin's session). Every model call of the brand (chat lane, generations, shadow and evaluation calls), priced by its version when it was made. ${money}`,
        tags: read.tags,
        security: read.security,
        querystring: z.object({
          from: z
            .string()
            .optional()
            .describe("First UTC day (YYYY-MM-DD), inclusive; 29 days before `to` by default"),
          to: z.string().optional().describe("Last UTC day (YYYY-MM-DD), inclusive; today by default"),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            currency: z.literal("USD"),
            data: z.array(usageRow),
            totals: usageRow.pick({
              calls: true,
              tokensIn: true,
              tokensOut: true,
              costUsd: true,
              unpricedCalls: true,
            }),
          }),
        },
      },
    },
    async (req) => {
      const usage = await getUsage(req.principal, { brandId: callerBrand(req), ...req.query });
      const { costMicroUsd, ...totals } = usage.totals;
      return {
        from: usage.from,
        to: usage.to,
        currency: usage.currency,
        data: usage.rows.map(({ costMicroUsd: cost, ...r }) => ({ ...r, costUsd: formatUsd(cost) })),
        totals: { ...totals, costUsd: formatUsd(costMicroUsd) },
      };
    },
  );

  api.get(
    "/api/v1/budgets",
    {
      config: read.config,
      schema: {
        summary: "The brand's monthly budgets and this month's spend",
        description: `Needs an API key with the \`usage:read\` scope (or a marketer's or admin's session). ${money}`,
        tags: read.tags,
        security: read.security,
        response: { 200: z.object({ data: z.array(budget) }) },
      },
    },
    async (req) => ({
      data: (await listBudgets(req.principal, { brandId: callerBrand(req) })).map(toBudget),
    }),
  );

  api.put(
    "/api/v1/budgets",
    {
      config: write.config,
      schema: {
        summary: "Set the brand's or a key's monthly budget",
        description: `Needs an API key with the \`budgets:write\` scope (or an admin's session). Creates or replaces the budget of the brand (\`scope: "brand"\`) or of one key and its rotations (\`scope: "key"\` with \`apiKeyId\`). Per UTC month; at \`warnAt\` of the limit a \`budget.warning\` webhook goes out once, and once spent new chat calls, generations and batches are refused with 429 \`budget_exceeded\`. ${money}`,
        tags: write.tags,
        security: write.security,
        body: z.object({
          scope: z.enum(["brand", "key"]),
          apiKeyId: z.string().uuid().nullable().optional(),
          limitUsd: usdAmount.describe('The monthly limit in US dollars, e.g. "250" or "12.50"'),
          warnAt: z
            .number()
            .gt(0)
            .max(1)
            .optional()
            .describe("Share of the limit that sends the warning; 0.8 by default"),
        }),
        response: { 200: budget },
      },
    },
    async (req) => {
      const brandId = callerBrand(req);
      const row = await setBudget(req.principal, {
        brandId,
        ...req.body,
        apiKeyId: req.body.apiKeyId ?? null,
      });
      const view = (await listBudgets(req.principal, { brandId })).find((b) => b.id === row.id)!;
      return toBudget(view);
    },
  );

  api.delete(
    "/api/v1/budgets/:id",
    {
      config: write.config,
      schema: {
        summary: "Remove a budget",
        description:
          "Needs an API key with the `budgets:write` scope (or an admin's session). Its scope is no longer limited.",
        tags: write.tags,
        security: write.security,
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null().describe("Removed") },
      },
    },
    async (req, reply) => {
      await deleteBudget(req.principal, { brandId: callerBrand(req), budgetId: req.params.id });
      return reply.code(204).send(null);
    },
  );
}
