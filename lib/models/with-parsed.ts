import type { GenerateOptions, GenerationResult } from "./gateway-deps";
import { parseStructuredOutput } from "./parse-structured-output";

/** Adds the slot values (or why there are none) when the caller asked for structured output. */
export function withParsed(
  result: Omit<GenerationResult, "parsed" | "parseIssue">,
  options: GenerateOptions,
): GenerationResult {
  if (!options.responseFormat) return result;
  const parsed = parseStructuredOutput(result.text, options.responseFormat.schema);
  return parsed.ok ? { ...result, parsed: parsed.value } : { ...result, parseIssue: parsed.issue };
}
