import type { BrandKit } from "@/lib/brand/kit";
import { logger } from "@/lib/log";
import type { GenerationResult } from "@/lib/models/generate";
import type { ChatMessage } from "@/lib/models/providers/types";
import { runShadow, type ShadowChecked } from "@/lib/models/routing/run-shadow";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { validateSlots } from "@/lib/templates/validate-slots";
import { slotsSchema } from "./build-prompt";
import { checkSlots, type SlotValues } from "./check-slots";
import { withholdEcho } from "./withhold-echo";

export interface GenerationShadowInput {
  generationId: string;
  brandId: string;
  modelId: string;
  shadowVersionId: string;
  primaryVersionId: string;
  /** The first round's prompt: the brief as the primary got it, before any violation feedback. */
  messages: ChatMessage[];
  definition: TemplateDefinition;
  kit: BrandKit;
  /** The brief, as reviewers comparing the two answers read it. */
  prompt: string;
  /** The primary's first-round answer as stored for reviewers (checked slots as JSON, or its text). */
  primaryOutput: string;
}

/** Shadow calls still running in this process, so shutdown and tests can wait for them. */
const pending = new Set<Promise<void>>();

/**
 * In shadow mode, mirrors a generation's first round to the candidate: same prompt, same slot
 * format, the same output checks and safe fixes as the served round; stored in
 * shadow_outputs, never served. Fire-and-forget: the served generation neither waits for it
 * nor sees its errors (runShadow stores a failure as a row; anything else is logged here).
 */
export function startGenerationShadow(input: GenerationShadowInput): void {
  const run = runShadow({
    brandId: input.brandId,
    modelId: input.modelId,
    versionId: input.shadowVersionId,
    primaryVersionId: input.primaryVersionId,
    requestId: `gen-${input.generationId}-r1`,
    messages: input.messages,
    kit: input.kit,
    channel: input.definition.channel,
    responseFormat: { name: "slots", schema: slotsSchema(input.definition) },
    prompt: input.prompt,
    primaryOutput: input.primaryOutput,
    check: (result) => checkShadowSlots(input, result),
  })
    .catch((err: unknown) =>
      logger().error({ err, generationId: input.generationId }, "generation shadow failed"),
    )
    .finally(() => pending.delete(run));
  pending.add(run);
}

/** Resolves when every shadow call started so far in this process has been stored. */
export async function settleGenerationShadows(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** The served round's checks on the candidate's answer: slot format, then brand checks with safe fixes. */
function checkShadowSlots(input: GenerationShadowInput, result: GenerationResult): ShadowChecked {
  const { kit, definition } = input;
  const problems = result.parsed
    ? validateSlots(definition.slots, result.parsed).errors.map((e) => e.message)
    : [`The answer was not the JSON asked for: ${result.parseIssue ?? "unreadable"}`];
  if (problems.length) {
    return {
      output: String(withholdEcho(kit, result.text)),
      score: 0,
      blocked: true,
      checkResults: problems.map((explanation) => ({
        checkId: "slot-format",
        verdict: "fail" as const,
        explanation,
        spans: [],
      })),
    };
  }
  const checks = checkSlots({ slots: result.parsed as SlotValues, definition, kit, autoFix: true });
  return {
    output: JSON.stringify(withholdEcho(kit, checks.slots)),
    score: checks.score,
    blocked: checks.blocked,
    checkResults: Object.values(checks.perSlot).flatMap((s) => s.results),
  };
}
