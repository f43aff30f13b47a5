import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { runBrandChecks, runBrandChecksInput } from "@/lib/brand/run-brand-checks";
import { sessionOf } from "./session-auth";

const checkResult = z.object({
  checkId: z.string(),
  verdict: z.enum(["pass", "warn", "fail"]),
  explanation: z.string(),
  spans: z.array(z.object({ start: z.number().int(), end: z.number().int() }).passthrough()),
}).passthrough();

const outcome = z.object({
  checkRunId: z.string().uuid(),
  score: z.number().int().min(0).max(100),
  blocked: z.boolean(),
  legalReview: z.boolean(),
  results: z.array(checkResult),
});

export async function registerChecksRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/checks",
    {
      schema: {
        summary: "Check text and/or assets against the brand's published kit",
        tags: ["checks"],
        body: runBrandChecksInput,
        response: {
          200: z.object({
            kitVersion: z.number().int(),
            kitVersionId: z.string().uuid(),
            text: outcome.nullable(),
            assets: z.array(outcome.extend({ assetId: z.string().uuid() })),
          }),
        },
      },
    },
    async (req) => runBrandChecks(await sessionOf(req), req.body),
  );
}
