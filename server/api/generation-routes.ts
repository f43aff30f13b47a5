import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { openGenerationEvents } from "@/lib/generation/generation-events";
import { generationViewSchema, getGenerationView } from "@/lib/generation/generation-view";
import {
  MAX_WAIT_SECONDS,
  requestGeneration,
  requestGenerationBody,
} from "@/lib/generation/request-generation";
import { withGenerationQuota } from "./api-auth";
import { callerBrand } from "./caller-brand";
import { preferredWait } from "./prefer";
import { abortOnClose, streamEvents } from "./sse";

const statusUrl = (id: string) => `/api/v1/generations/${id}`;

const accepted = z.object({
  id: z.string().uuid(),
  status: generationViewSchema.shape.status,
  statusUrl: z.string().describe("Where to read its progress; also the `Location` header"),
});

const params = z.object({ id: z.string().max(100) });

export async function registerGenerationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/api/v1/generations",
    {
      config: { auth: { scope: "generate" } },
      schema: {
        summary: "Generate content from a brief",
        description: `Needs an API key with the \`generate\` scope; counts one against its monthly generation quota. Queues the generation through the governed pipeline (checks, model, checks, template, review) and answers 202 with its status URL (also in \`Location\`). With \`Prefer: wait=N\` (N ≤ ${MAX_WAIT_SECONDS}) it waits up to N seconds and answers 200 with the finished generation, or 202 if it is still running. The content itself is served by /content once approved. Honours \`Idempotency-Key\`.`,
        tags: ["generation"],
        security: [{ apiKey: [] }],
        headers: z.object({
          prefer: z
            .string()
            .max(500)
            .optional()
            .describe(`\`wait=N\`: wait up to N seconds (0–${MAX_WAIT_SECONDS}) for the result`),
        }),
        body: requestGenerationBody,
        response: {
          200: generationViewSchema.describe("Finished within the wait asked for"),
          202: accepted.describe("Queued or still running"),
        },
      },
    },
    async (req, reply) => {
      const waitSeconds = preferredWait(req.headers.prefer, MAX_WAIT_SECONDS);
      const signal = abortOnClose(reply);
      const { view, finished } = await withGenerationQuota(req, () =>
        requestGeneration(req.principal, callerBrand(req), req.body, {
          waitSeconds: waitSeconds ?? 0,
          signal,
        }),
      );
      if (waitSeconds !== null) void reply.header("preference-applied", `wait=${waitSeconds}`);
      if (finished && waitSeconds !== null) return reply.code(200).send(view);
      return reply
        .code(202)
        .header("location", statusUrl(view.id))
        .send({ id: view.id, status: view.status, statusUrl: statusUrl(view.id) });
    },
  );

  api.get(
    "/api/v1/generations/:id",
    {
      config: { auth: { scope: "generate" } },
      schema: {
        summary: "A generation's status, steps and result",
        description:
          "Needs an API key with the `generate` scope. The result names the content item and its review status; the text is served by /content once approved. Another brand's generation is a 404.",
        tags: ["generation"],
        security: [{ apiKey: [] }],
        params,
        response: { 200: generationViewSchema },
      },
    },
    async (req) => getGenerationView(req.principal, callerBrand(req), req.params.id),
  );

  api.get(
    "/api/v1/generations/:id/events",
    {
      config: { auth: { scope: "generate" } },
      schema: {
        summary: "A generation's progress as Server-Sent Events",
        description:
          "Needs an API key with the `generate` scope. `text/event-stream`: `event: status` (queued, running), `event: step` per pipeline step, then one terminal event named by the final status (`succeeded`, `blocked` or `failed`) carrying the generation, after which the stream closes. Every event has an `id:`; reconnect with `Last-Event-ID` to resume after it. A comment line every 15 s keeps idle connections open.",
        tags: ["generation"],
        security: [{ apiKey: [] }],
        params,
        headers: z.object({
          "last-event-id": z
            .string()
            .regex(/^\d{1,9}$/)
            .optional()
            .describe("Resume after this event id"),
        }),
        response: {
          200: {
            description: "The event stream",
            content: { "text/event-stream": { schema: z.string() } },
          },
        },
      },
    },
    async (req, reply) => {
      const signal = abortOnClose(reply);
      const after = Number(req.headers["last-event-id"] ?? 0);
      const events = await openGenerationEvents(req.principal, callerBrand(req), req.params.id, {
        after,
        signal,
      });
      await streamEvents(req, reply, events);
    },
  );
}
