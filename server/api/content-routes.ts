import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiDateTime } from "@/lib/input-limits";
import { contentViewSchema, etagMatches } from "@/lib/content/content-view";
import { listServedContent, MAX_CONTENT_PAGE } from "@/lib/content/list-served-content";
import { serveContent } from "@/lib/content/serve-content";
import { callerBrand } from "./caller-brand";

/** Short enough that a retirement reaches every cache within a minute. */
export const CONTENT_CACHE_CONTROL = "private, max-age=60";

const listQuery = z.object({
  channel: z.string().min(1).max(100).optional(),
  template_id: z.string().uuid().optional(),
  updated_since: apiDateTime().optional(),
  cursor: z.string().max(500).optional().describe("`next_cursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(MAX_CONTENT_PAGE).default(50),
});

export async function registerContentRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/content",
    {
      config: { auth: { scope: "content:read" } },
      schema: {
        summary: "List the brand's approved content",
        description:
          "Needs an API key with the `content:read` scope. Only approved content is listed, oldest change first; follow `next_cursor` until it is null.",
        tags: ["content"],
        security: [{ apiKey: [] }],
        querystring: listQuery,
        response: {
          200: z.object({ data: z.array(contentViewSchema), next_cursor: z.string().nullable() }),
        },
      },
    },
    async (req, reply) => {
      const brandId = callerBrand(req);
      const q = req.query;
      const page = await listServedContent(req.principal, {
        brandId,
        channel: q.channel,
        templateId: q.template_id,
        updatedSince: q.updated_since,
        cursor: q.cursor,
        limit: q.limit,
      });
      return reply.header("cache-control", "private, no-cache").send(page);
    },
  );

  api.get(
    "/api/v1/content/:id",
    {
      config: { auth: { scope: "content:read" } },
      schema: {
        summary: "One approved content item",
        description:
          "Needs an API key with the `content:read` scope. Anything not approved, or another brand's, is a 404. Send the `ETag` back as `If-None-Match` for a 304.",
        tags: ["content"],
        security: [{ apiKey: [] }],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: contentViewSchema, 304: z.null().describe("Not modified: the ETag still matches") },
      },
    },
    async (req, reply) => {
      const brandId = callerBrand(req);
      const served = await serveContent(req.principal, { brandId, id: req.params.id });
      void reply.header("etag", served.etag).header("cache-control", CONTENT_CACHE_CONTROL);
      if (etagMatches(req.headers["if-none-match"], served.etag)) return reply.code(304).send(null);
      return reply.send(served.content);
    },
  );
}
