import Fastify, { type FastifyInstance, type FastifyServerFactory } from "fastify";
import swagger from "@fastify/swagger";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError, toErrorBody } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/http/client-address";
import { logger } from "@/lib/log";
import { installApiAuth } from "./api-auth";
import { registerChatRoutes } from "./chat-routes";
import { registerChecksRoutes } from "./checks-routes";
import { registerContentRoutes } from "./content-routes";
import { registerEventsRoutes } from "./events-routes";
import { installIdempotency } from "./idempotency";
import { registerPlacementRoutes } from "./placement-routes";
import { registerSystemRoutes } from "./system-routes";

/**
 * The governed API and the operational endpoints. Route modules are thin: zod schemas
 * (which also feed the OpenAPI document) → one lib call → reply.
 */
export async function buildApi(serverFactory?: FastifyServerFactory): Promise<FastifyInstance> {
  const app = Fastify({
    serverFactory,
    genReqId: (req) => String(req.headers[REQUEST_ID_HEADER]),
    logger: false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
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
    transform: jsonSchemaTransform,
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
      : (err as { statusCode?: number }).statusCode === 413
        ? toErrorBody(new AppError("payload_too_large", "The request body is too large"))
        : toErrorBody(err, req.id);
    if (mapped.unexpected) logger().error({ err, requestId: req.id }, "unhandled API error");
    void reply.code(mapped.status).headers(mapped.headers).send(mapped.body);
  });
  app.setNotFoundHandler((req, reply) => {
    const mapped = toErrorBody(
      new AppError("not_found", `No route for ${req.method} ${req.url.split("?")[0]}`),
    );
    void reply.code(mapped.status).send(mapped.body);
  });

  // Hooks before routes: every route declaring `config.auth` is authenticated, rate limited
  // and scope-checked; every authenticated POST honours Idempotency-Key.
  installApiAuth(app);
  installIdempotency(app);
  await registerSystemRoutes(app);
  await registerChecksRoutes(app);
  await registerChatRoutes(app);
  await registerContentRoutes(app);
  await registerPlacementRoutes(app);
  await registerEventsRoutes(app);
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  return app;
}
