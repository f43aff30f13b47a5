import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import {
  createWebhookSubscription,
  webhookSubscriptionFields,
} from "@/lib/webhooks/create-webhook-subscription";
import { deleteWebhookSubscription } from "@/lib/webhooks/delete-webhook-subscription";
import { listWebhookDeliveries, type WebhookDeliveryView } from "@/lib/webhooks/list-webhook-deliveries";
import {
  listWebhookSubscriptions,
  type WebhookSubscriptionView,
} from "@/lib/webhooks/list-webhook-subscriptions";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { rotateWebhookSecret, rotateWebhookSecretFields } from "@/lib/webhooks/rotate-webhook-secret";
import {
  updateWebhookSubscriptionFields,
  updateWebhookSubscription,
} from "@/lib/webhooks/update-webhook-subscription";
import { callerBrand } from "./caller-brand";

const subscription = z.object({
  id: z.string().uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
const delivery = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  eventType: z.string(),
  status: z.enum(["pending", "delivered", "dead"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

const toSubscription = (s: WebhookSubscriptionView): z.infer<typeof subscription> => ({
  ...s,
  createdAt: s.createdAt.toISOString(),
});
const toDelivery = ({
  subscriptionId: _s,
  url: _u,
  ...d
}: WebhookDeliveryView): z.infer<typeof delivery> => ({
  ...d,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

const idParams = z.object({ id: z.string().max(100) });
const scope = "Needs an API key with the `webhooks` scope.";
const common = {
  config: { auth: { scope: "webhooks" as const } },
  tags: ["webhooks"],
  security: [{ apiKey: [] }],
};

/** Webhook subscriptions and their deliveries, managed by the brand's own key. */
export async function registerWebhookRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/webhooks",
    {
      config: common.config,
      schema: {
        summary: "List the brand's webhook subscriptions",
        description: `${scope} Newest first; secrets are never listed.`,
        tags: common.tags,
        security: common.security,
        response: { 200: z.object({ data: z.array(subscription) }) },
      },
    },
    async (req) => {
      const list = await listWebhookSubscriptions(req.principal, callerBrand(req));
      return { data: list.map(toSubscription) };
    },
  );

  api.post(
    "/api/v1/webhooks",
    {
      config: { ...common.config, secretFields: ["secret"] },
      schema: {
        summary: "Subscribe a URL to events",
        description: `${scope} The URL must be public http(s) (private, loopback and metadata addresses are refused). The signing secret (\`whsec_…\`) is in this response only: store it. Event types: ${WEBHOOK_EVENT_TYPES.join(", ")}. Honours \`Idempotency-Key\`; a replay never carries the secret (it is not stored): \`secret\` is null and \`Idempotent-Replay-Omitted: secret\` says so.`,
        tags: common.tags,
        security: common.security,
        body: webhookSubscriptionFields,
        response: {
          201: z.object({
            id: z.string().uuid(),
            url: z.string(),
            eventTypes: z.array(z.string()),
            secret: z
              .string()
              .nullable()
              .describe("Shown once; null in an Idempotency-Key replay, which never stores it"),
          }),
        },
      },
    },
    async (req, reply) => {
      const created = await createWebhookSubscription(req.principal, {
        brandId: callerBrand(req),
        ...req.body,
      });
      return reply.code(201).header("location", `/api/v1/webhooks/${created.id}`).send(created);
    },
  );

  api.patch(
    "/api/v1/webhooks/:id",
    {
      config: common.config,
      schema: {
        summary: "Switch a subscription on or off, or change its event types",
        description: `${scope} A disabled subscription gets no new deliveries.`,
        tags: common.tags,
        security: common.security,
        params: idParams,
        body: updateWebhookSubscriptionFields,
        response: { 200: subscription },
      },
    },
    async (req) => {
      const updated = await updateWebhookSubscription(req.principal, {
        brandId: callerBrand(req),
        subscriptionId: req.params.id,
        ...req.body,
      });
      return toSubscription(updated);
    },
  );

  api.delete(
    "/api/v1/webhooks/:id",
    {
      config: common.config,
      schema: {
        summary: "Delete a subscription and its deliveries",
        description: `${scope} The audit log keeps the record.`,
        tags: common.tags,
        security: common.security,
        params: idParams,
        response: { 204: z.null().describe("Deleted") },
      },
    },
    async (req, reply) => {
      await deleteWebhookSubscription(req.principal, {
        brandId: callerBrand(req),
        subscriptionId: req.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/api/v1/webhooks/:id/rotate-secret",
    {
      config: { ...common.config, secretFields: ["secret"] },
      schema: {
        summary: "Give a subscription a new signing secret",
        description: `${scope} The new \`whsec_…\` secret is in this response only. Until \`previousSecretExpiresAt\` (after \`overlapSeconds\`, default one day) each delivery's \`webhook-signature\` carries two signatures, new and old, separated by a space, so the receiver can switch without missing one; then only the new one. Audited. Honours \`Idempotency-Key\`; a replay never carries the secret: \`secret\` is null and \`Idempotent-Replay-Omitted: secret\` says so.`,
        tags: common.tags,
        security: common.security,
        params: idParams,
        body: rotateWebhookSecretFields.optional(),
        response: {
          200: z.object({
            id: z.string().uuid(),
            secret: z
              .string()
              .nullable()
              .describe("Shown once; null in an Idempotency-Key replay, which never stores it"),
            previousSecretExpiresAt: z
              .string()
              .nullable()
              .describe("When the old secret stops signing; null when it stopped at once"),
          }),
        },
      },
    },
    async (req) => {
      const rotated = await rotateWebhookSecret(req.principal, {
        brandId: callerBrand(req),
        subscriptionId: req.params.id,
        ...req.body,
      });
      return { ...rotated, previousSecretExpiresAt: rotated.previousSecretExpiresAt?.toISOString() ?? null };
    },
  );

  api.get(
    "/api/v1/webhooks/:id/deliveries",
    {
      config: common.config,
      schema: {
        summary: "A subscription's recent deliveries",
        description: `${scope} Newest first.`,
        tags: common.tags,
        security: common.security,
        params: idParams,
        querystring: z.object({
          status: z.enum(["pending", "delivered", "dead"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ data: z.array(delivery) }) },
      },
    },
    async (req) => {
      const list = await listWebhookDeliveries(req.principal, callerBrand(req), {
        subscriptionId: req.params.id,
        ...req.query,
      });
      return { data: list.map(toDelivery) };
    },
  );

  api.post(
    "/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver",
    {
      config: common.config,
      schema: {
        summary: "Send a delivered or dead delivery again",
        description: `${scope} Back to pending with a fresh attempt budget; the receiver sees the same \`webhook-id\` and can dedupe on it. Honours \`Idempotency-Key\`.`,
        tags: common.tags,
        security: common.security,
        params: z.object({ id: z.string().max(100), deliveryId: z.string().max(100) }),
        response: { 202: z.object({ id: z.string().uuid(), status: z.literal("pending") }) },
      },
    },
    async (req, reply) => {
      await redeliverWebhook(req.principal, {
        brandId: callerBrand(req),
        subscriptionId: req.params.id,
        deliveryId: req.params.deliveryId,
      });
      return reply.code(202).send({ id: req.params.deliveryId, status: "pending" as const });
    },
  );
}
