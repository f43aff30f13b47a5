import { z } from "zod";
import { providerSecretEnvSchema } from "./version-input";

/** Where a generation version's endpoint is and how to reach it: what "Test connection" takes. */
export const connectionInput = z.object({
  /** The OpenAI-compatible base URL, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** The model id sent upstream, e.g. `gpt-4o-mini`. */
  upstreamModel: z.string().trim().min(1).max(200),
  /** The provider API key: sealed before it is stored, never shown again. */
  apiKey: z.string().min(1).max(4096).optional(),
  /** Or the name of the server's environment variable that holds it. */
  secretEnv: providerSecretEnvSchema.optional(),
});

const exclusiveSecret = (v: { apiKey?: string; secretEnv?: string }) =>
  v.apiKey === undefined || v.secretEnv === undefined;
const exclusiveSecretIssue = { path: ["secretEnv"], message: "give either apiKey or secretEnv, not both" };

export const testConnectionInput = connectionInput.refine(exclusiveSecret, exclusiveSecretIssue);
export type TestConnectionInput = z.input<typeof testConnectionInput>;

/** A new generation version, as the REST API, the CLI and the admin form send it. */
export const registerVersionInput = connectionInput
  .extend({
    /** The version's name (a release tag, a commit); the next version number when left out. */
    version: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/,
        "may use letters, digits, dots, dashes, plus and underscores",
      )
      .optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(1).max(128_000).optional(),
    /** How the endpoint takes JSON output: `json_schema` (enforced schemas) or `json_object` (JSON mode). */
    jsonMode: z.enum(["json_schema", "json_object"]).default("json_object"),
    priceInputPerMillion: z.number().min(0).max(1_000_000).optional(),
    priceOutputPerMillion: z.number().min(0).max(1_000_000).optional(),
    notes: z.string().max(2000).default(""),
  })
  .refine(exclusiveSecret, exclusiveSecretIssue);

export type RegisterVersionInput = z.input<typeof registerVersionInput>;
