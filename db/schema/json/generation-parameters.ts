import { z } from "zod";

/** Sampling parameters and provider capabilities of a generation version. */
export const generationParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(128_000).optional(),
    /** Fixed seed for reproducible sampling where the provider honours it. */
    seed: z.number().int().optional(),
    presencePenalty: z.number().min(-2).max(2).optional(),
    frequencyPenalty: z.number().min(-2).max(2).optional(),
    /**
     * How to ask for slot JSON: `json_schema` where the provider enforces schemas,
     * `json_object` (plus an instruction naming the fields) otherwise.
     */
    structuredOutput: z.enum(["json_schema", "json_object"]).default("json_object"),
  })
  .strict();

export type GenerationParameters = z.infer<typeof generationParametersSchema>;
