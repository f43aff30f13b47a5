import { z } from "zod";
import { modelProviderEnum } from "@/db/schema";
import { isAllowedSecretVariable, PROVIDER_SECRET_PREFIX } from "@/lib/env";
import { resiliencePolicySchema } from "../resilience/policy";
import { generationParametersSchema } from "./generation-parameters";

/** The name of the server variable that holds a provider key: only `BRANDGATE_PROVIDER_*` (lib/env.ts). */
export const providerSecretEnvSchema = z
  .string()
  .refine(
    isAllowedSecretVariable,
    `must be an UPPER_SNAKE variable name starting ${PROVIDER_SECRET_PREFIX} (e.g. ${PROVIDER_SECRET_PREFIX}OPENAI_KEY)`,
  );

const secretInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("env"),
    name: providerSecretEnvSchema,
  }),
  /** Sealed with AES-256-GCM before it is stored; never returned. */
  z.object({ kind: z.literal("value"), value: z.string().min(1).max(4096) }),
]);

export const generationVersionInput = z
  .object({
    kind: z.literal("generation"),
    provider: z.enum(modelProviderEnum.enumValues),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    modelName: z.string().min(1).max(200),
    parameters: generationParametersSchema.prefault({}),
    resilience: resiliencePolicySchema.prefault({}),
    secret: secretInput.optional(),
    /** The registrant's name for the version (unique per model); the version number when left out. */
    tag: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
        "may use letters, digits, dots, dashes, plus and underscores",
      )
      .optional(),
    /** US dollars per million tokens, for cost reports. */
    priceInputPerMillion: z.number().min(0).max(1_000_000).nullable().default(null),
    priceOutputPerMillion: z.number().min(0).max(1_000_000).nullable().default(null),
    notes: z.string().max(2000).default(""),
  })
  .refine((v) => v.provider !== "openai-compatible" || v.baseUrl !== undefined, {
    path: ["baseUrl"],
    message: "is required for an openai-compatible provider",
  });

export const personalisationVersionInput = z.object({
  kind: z.literal("personalisation"),
  tag: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/)
    .optional(),
  artifact: z.instanceof(Uint8Array).refine((a) => a.byteLength > 0, "must not be empty"),
  featureSchema: z.record(z.string(), z.unknown()),
  lineage: z.record(z.string(), z.unknown()),
  notes: z.string().max(2000).default(""),
});

export const modelVersionInput = z.discriminatedUnion("kind", [
  generationVersionInput,
  personalisationVersionInput,
]);

export type ModelVersionInput = z.input<typeof modelVersionInput>;
