import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { contentViewSchema } from "@/lib/content/content-view";
import { servePlacementContent } from "@/lib/placements/serve-placement-content";
import { callerBrand } from "./caller-brand";

const query = z.object({
  unit: z.string().min(1).max(200).describe("Who the content is for: a customer, user or device id"),
  segment: z.string().max(100).optional(),
  locale: z.string().max(35).optional(),
  device: z.string().max(100).optional(),
  channel: z.string().max(100).optional().describe("Where it is shown: email, web, app, sms"),
  days_since_last_visit: z.coerce.number().nonnegative().optional(),
  visits_30d: z.coerce.number().int().nonnegative().optional(),
});

export async function registerPlacementRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/placements/:placement/content",
    {
      config: { auth: { scope: "content:read" } },
      schema: {
        summary: "The approved variant of a placement for one unit",
        description:
          "Needs an API key with the `content:read` scope. A unit keeps its variant while that variant stays approved and attached. Each answer records an exposure. 404 when the placement has no approved variant.",
        tags: ["content"],
        security: [{ apiKey: [] }],
        params: z.object({
          placement: z
            .string()
            .min(2)
            .max(64)
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single dashes"),
        }),
        querystring: query,
        response: {
          200: contentViewSchema.extend({
            assignment: z.object({
              variant_id: z.string().uuid(),
              method: z.enum(["model", "thompson", "hash"]),
              sticky: z.boolean().describe("True when the unit already had this variant"),
            }),
          }),
        },
      },
    },
    async (req, reply) => {
      const brandId = callerBrand(req);
      const q = req.query;
      const audience = {
        ...(q.segment !== undefined ? { segment: q.segment } : {}),
        ...(q.locale !== undefined ? { locale: q.locale } : {}),
        ...(q.device !== undefined ? { device: q.device } : {}),
        ...(q.channel !== undefined ? { channel: q.channel } : {}),
        ...(q.days_since_last_visit !== undefined ? { daysSinceLastVisit: q.days_since_last_visit } : {}),
        ...(q.visits_30d !== undefined ? { visits30d: q.visits_30d } : {}),
      };
      const served = await servePlacementContent(req.principal, {
        brandId,
        placement: req.params.placement,
        unit: q.unit,
        audience,
      });
      // Each answer is a recorded exposure for this unit: never from a shared cache.
      return reply
        .header("cache-control", "private, no-store")
        .header("etag", served.etag)
        .send({ ...served.content, assignment: served.assignment });
    },
  );
}
