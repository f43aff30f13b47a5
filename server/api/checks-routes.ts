import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkResultSchema, replacementSchema } from "@/lib/brand/checks/types";
import { runBrandChecks, runBrandChecksInput } from "@/lib/brand/run-brand-checks";

const outcome = z.object({
  checkRunId: z.string().uuid(),
  score: z.number().int().min(0).max(100),
  blocked: z.boolean(),
  legalReview: z.boolean(),
  results: z.array(checkResultSchema),
});

export async function registerChecksRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/checks",
    {
      config: { auth: { scope: "checks" } },
      schema: {
        summary: "Check text and/or assets against the brand's published kit",
        description: "Needs an API key with the `checks` scope. Honours `Idempotency-Key`.",
        tags: ["checks"],
        security: [{ apiKey: [] }],
        body: runBrandChecksInput,
        response: {
          200: z.object({
            kitVersion: z.number().int(),
            kitVersionId: z.string().uuid(),
            text: outcome.extend({ fixes: z.array(replacementSchema) }).nullable(),
            assets: z.array(outcome.extend({ assetId: z.string().uuid() })),
          }),
        },
      },
    },
    async (req) => runBrandChecks(req.principal, req.body),
  );
}
