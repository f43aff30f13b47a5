import { z } from "zod";
import type { GenerationParameters } from "../registry/generation-parameters";
import type { ChatMessage, SlotFormat } from "./types";

/**
 * The `response_format` for a slot schema and, for json_object mode, a system line naming
 * the fields (providers require the word JSON in the prompt for that mode, and without a
 * schema the model only knows the fields from the prompt).
 */
export function slotRequest(
  format: SlotFormat | undefined,
  mode: GenerationParameters["structuredOutput"],
): { responseFormat?: object; instruction?: ChatMessage } {
  if (!format) return {};
  const instruction: ChatMessage = {
    role: "system",
    content: `Respond with one JSON object with these string fields: ${Object.keys(format.schema.shape).join(", ")}`,
  };
  if (mode === "json_object") return { responseFormat: { type: "json_object" }, instruction };
  return {
    responseFormat: {
      type: "json_schema",
      json_schema: { name: format.name, schema: z.toJSONSchema(format.schema), strict: true },
    },
  };
}
