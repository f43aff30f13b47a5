import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { listApprovedTemplates } from "@/lib/templates/versions/list-approved-templates";
import { callerBrand } from "./caller-brand";

const templateView = z.object({
  id: z.string().uuid(),
  slug: z.string().describe("What `POST /api/v1/generations` takes as `template`"),
  name: z.string(),
  channel: z.string(),
  latest_approved_version: z
    .object({ id: z.string().uuid(), number: z.number().int() })
    .nullable()
    .describe("What a generation with this slug uses; null until a version is approved"),
  approved_versions: z
    .array(
      z.object({
        id: z.string().uuid(),
        number: z.number().int(),
        approved_at: z.string(),
        slots: z
          .array(z.object({ name: z.string(), type: z.string() }).loose())
          .describe("The slots a brief fills: name, type (text, url, list) and limits"),
      }),
    )
    .describe("Newest first; drafts are not listed"),
});

export async function registerTemplateRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/templates",
    {
      config: { auth: { scope: "generate" } },
      schema: {
        summary: "List the brand's templates with their approved versions",
        description:
          "Needs an API key with the `generate` scope. Each template's slug is what `POST /api/v1/generations` accepts as `template`; its latest approved version is the one used.",
        tags: ["generation"],
        security: [{ apiKey: [] }],
        response: { 200: z.object({ data: z.array(templateView) }) },
      },
    },
    async (req) => {
      const brandId = callerBrand(req);
      const list = await listApprovedTemplates(req.principal, brandId);
      return {
        data: list.map((t) => ({
          id: t.id,
          slug: t.slug,
          name: t.name,
          channel: t.channel,
          latest_approved_version: t.versions[0]
            ? { id: t.versions[0].id, number: t.versions[0].number }
            : null,
          approved_versions: t.versions.map((v) => ({
            id: v.id,
            number: v.number,
            approved_at: v.approvedAt.toISOString(),
            slots: v.slots,
          })),
        })),
      };
    },
  );
}
