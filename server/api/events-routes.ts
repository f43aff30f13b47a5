import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { flushEvents } from "@/lib/events/group-commit-events";
import { ingestEvents, ingestEventsBody, MAX_EVENTS_PER_CALL } from "@/lib/events/ingest-events";
import { callerBrand } from "./caller-brand";

export async function registerEventsRoutes(app: FastifyInstance): Promise<void> {
  // Events waiting for a group commit are written before the pool closes.
  app.addHook("onClose", async () => flushEvents());
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/events",
    {
      config: { auth: { scope: "events:write" } },
      schema: {
        summary: "Post impressions, clicks and conversions",
        description: `Needs an API key with the \`events:write\` scope. Up to ${MAX_EVENTS_PER_CALL} events per call, stored all or nothing; an event id already stored counts as a duplicate, not again. Answered once the events are durable. Honours \`Idempotency-Key\`.`,
        tags: ["events"],
        security: [{ apiKey: [] }],
        body: ingestEventsBody,
        response: { 200: z.object({ accepted: z.number().int(), duplicates: z.number().int() }) },
      },
    },
    async (req) => {
      const brandId = callerBrand(req);
      return ingestEvents(req.principal, { brandId, events: req.body.events });
    },
  );
}
