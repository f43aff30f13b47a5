import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerFactory } from "fastify";
import swagger from "@fastify/swagger";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError, toErrorBody } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/http/client-address";
import { findUnacceptable } from "@/lib/input-limits";
import { logger } from "@/lib/log";
import { annotateActiveSpan } from "@/lib/tracing/in-span";
import { setRequestRoute } from "../request-route";
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders } from "@/lib/security/security-headers";
import { installApiAuth } from "./api-auth";
import { databaseUnavailable, installDatabaseGuard, isDatabaseOutage } from "./database-guard";
import { errorResponsesFor, fromFastifyClientError, writeClientError } from "./error-responses";
import { httpRequestDuration } from "@/lib/metrics/http";
import { registerChatRoutes } from "./chat-routes";
import { registerChecksRoutes } from "./checks-routes";
import { registerContentRoutes } from "./content-routes";
import { registerEventsRoutes } from "./events-routes";
import { registerGenerationRoutes } from "./generation-routes";
import { registerModelRoutes } from "./model-routes";
import { installIdempotency } from "./idempotency";
import { registerPlacementRoutes } from "./placement-routes";
import { toOpenAiErrorBody } from "./openai-errors";
import { registerSystemRoutes } from "./system-routes";
import { registerWebhookRoutes } from "./webhook-routes";
import { registerKeyRoutes } from "./key-routes";
import { registerTemplateRoutes } from "./template-routes";
import { registerUsageRoutes } from "./usage-routes";

/**
 * The governed API and the operational endpoints. Route modules are thin: zod schemas
 * (which also feed the OpenAPI document) → one lib call → reply.
 */
export async function buildApi(serverFactory?: FastifyServerFactory): Promise<FastifyInstance> {
  const app = Fastify({
    serverFactory,
    // The dispatcher in server/index.ts sets the header; a bare listen (tests, benches) has none.
    genReqId: (req) => String(req.headers[REQUEST_ID_HEADER] ?? randomUUID()),
    logger: false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler: writeClientError,
    // A URL the router cannot decode (e.g. `%ZZ`) is the client's error, in the envelope.
    frameworkErrors: (_err, _req, reply) => {
      const mapped = toErrorBody(new AppError("bad_request", "The request URL is not valid"));
      // The typed reply here knows no routes' schemas; send the envelope as plain JSON.
      void (reply as unknown as FastifyReply)
        .code(mapped.status)
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(mapped.body));
    },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only: a text/plain body would otherwise parse to a string and fail validation as a
  // 400, where the honest answer is 415.
  app.removeContentTypeParser("text/plain");
  // Security headers on every API answer, set on the raw response so that errors, replays and
  // the hijacked event streams carry them too.
  const securityHeaders = {
    ...commonSecurityHeaders(getEnv().PUBLIC_URL),
    "content-security-policy": API_CONTENT_SECURITY_POLICY,
  };
  app.addHook("onRequest", async (_req, reply) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.raw.setHeader(name, value);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Brandgate governed content API", version: "1.0.0" },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "An API key (`bg_…`) created under Admin → API keys",
          },
        },
      },
    },
    transform: (input) =>
      jsonSchemaTransform({
        ...input,
        schema: input.schema.hide
          ? input.schema
          : {
              ...input.schema,
              // The scope a route's key needs, in its security requirement (OpenAPI 3.1 allows
              // role names for non-OAuth schemes), so clients and /docs/api can show it.
              ...(input.route.config?.auth && {
                security: [{ apiKey: [input.route.config.auth.scope] }],
              }),
              response: {
                ...errorResponsesFor(input.schema as Parameters<typeof errorResponsesFor>[0], input.route),
                ...(input.schema.response as object),
              },
            },
      }),
  });

  app.setErrorHandler((err, req, reply) => {
    const validation = (err as { validation?: { instancePath?: string; message?: string }[] }).validation;
    const mapped = validation
      ? toErrorBody(
          new AppError(
            "validation_failed",
            "The request is not valid",
            validation.map((v) => ({
              path: (v.instancePath ?? "").replace(/^\//, "").replaceAll("/", "."),
              message: v.message,
            })),
          ),
        )
      : toErrorBody(
          fromFastifyClientError(err) ?? (isDatabaseOutage(err) ? databaseUnavailable() : err),
          req.id,
        );
    if (mapped.unexpected) logger().error({ err, requestId: req.id }, "unhandled API error");
    const body = req.routeOptions.config.openaiErrors
      ? toOpenAiErrorBody(mapped.status, mapped.body)
      : mapped.body;
    void reply.code(mapped.status).headers(mapped.headers).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const mapped = toErrorBody(
      new AppError("not_found", `No route for ${req.method} ${req.url.split("?")[0]}`),
    );
    void reply.code(mapped.status).send(mapped.body);
  });

  // The route template, once the router knows it: names the request's span (`POST
  // /api/v1/generations`, never an id) and the access log's line.
  app.addHook("onRequest", (req, _reply, done) => {
    const route = req.routeOptions.url;
    if (route) {
      setRequestRoute(req.raw, route);
      annotateActiveSpan({ "http.route": route }, `${req.method} ${route}`);
    }
    done();
  });

  // PostgreSQL text and jsonb cannot hold U+0000 or an unpaired surrogate (not Unicode at
  // all), and a body nested thousands deep overflows recursive code (the Idempotency-Key
  // hash, canonical JSON): refuse both up front, at any depth, naming where, before any
  // hook claims or stores anything.
  app.addHook("preValidation", async (req) => {
    for (const [part, value] of [
      ["params", req.params],
      ["query", req.query],
      ["body", req.body],
    ] as const) {
      const found = findUnacceptable(value, part);
      if (found !== null)
        throw new AppError("validation_failed", "The request is not valid", [
          { path: found.path, message: found.message },
        ]);
    }
  });

  // The route template, never the raw path: ids in paths would make the label set unbounded.
  // Callback style: no promise per request on the hot path.
  app.addHook("onResponse", (req, reply, done) => {
    httpRequestDuration.observe(
      {
        surface: "api",
        route: req.routeOptions.url ?? "unmatched",
        method: req.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  installDatabaseGuard(app);
  // Hooks before routes: every route declaring `config.auth` is authenticated, rate limited
  // and scope-checked; every authenticated POST honours Idempotency-Key.
  installApiAuth(app);
  installIdempotency(app);
  await registerSystemRoutes(app);
  await registerChecksRoutes(app);
  await registerChatRoutes(app);
  await registerModelRoutes(app);
  await registerContentRoutes(app);
  await registerPlacementRoutes(app);
  await registerEventsRoutes(app);
  await registerGenerationRoutes(app);
  await registerWebhookRoutes(app);
  await registerKeyRoutes(app);
  await registerTemplateRoutes(app);
  await registerUsageRoutes(app);
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/openapi.json",
    {
      schema: {
        summary: "This OpenAPI 3.1 document",
        description: "Public. The typed client in `client/` is generated from it (`npm run api:client`).",
        tags: ["system"],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
  return app;
}
