import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { apiKeyIdOf, userIdOf, type Principal } from "@/lib/auth/principal";
import { runTextChecks, type TextChecksReport } from "@/lib/brand/checks/run-text-checks";
import type { CheckResult } from "@/lib/brand/checks/types";
import { channelSchema, type BrandKit, type Channel } from "@/lib/brand/kit";
import { getPublishedKit, type PublishedKit } from "@/lib/brand/kits/get-published-kit";
import { versionedCache } from "@/lib/brand-state/versioned-cache";
import { holdBudget, type BudgetHold } from "@/lib/budgets/hold-budget";
import { AppError, parseOrThrow } from "@/lib/errors";
import { findModelBySlug } from "@/lib/models/registry/find-model-by-slug";
import { resolveRoute } from "@/lib/models/routing/resolve-route";
import { CALLER_ROLES, chatMessageSchema, messageText } from "./chat-messages";
import { loadChatSettings, type ChatSettings } from "./chat-settings";
import { recordChatCall, type ChatCallIdentity, type ChatCallOutcome } from "./record-chat-call";

export { chatMessageSchema } from "./chat-messages";

const samplingSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().min(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(100_000).optional(),
    stop: z.array(z.string().min(1).max(200)).max(4).optional(),
    user: z.string().max(200).optional(),
    /** Function tools and tool_choice, passed through; the calls made are checked as output. */
    tools: z.array(z.unknown()).max(128).optional(),
    toolChoice: z.unknown().optional(),
    responseFormat: z
      .union([
        z.object({ type: z.literal("json_object") }),
        z.object({
          type: z.literal("json_schema"),
          json_schema: z.object({
            name: z.string().min(1).max(64),
            schema: z.record(z.string(), z.unknown()).optional(),
            strict: z
              .boolean()
              .nullish()
              .transform((v) => v ?? undefined),
          }),
        }),
      ])
      .optional(),
  })
  .default({});

export const governedChatInput = z.object({
  brandId: z.string().uuid(),
  /** A generation model of the brand: its slug or name, any case (or its id). */
  model: z.string().min(1).max(200),
  messages: z.array(chatMessageSchema).min(1).max(50),
  /** Required: the lane has no default channel, since the channel sets the output checks' limits. */
  channel: z.string().pipe(channelSchema),
  sampling: samplingSchema,
  seed: z.number().int().optional(),
  /** Choices to generate; each is checked on its own. */
  n: z.number().int().min(1).max(8).default(1),
  unitKey: z.string().min(1).max(200).optional(),
  overrideVersionId: z.string().uuid().nullable().optional(),
  requestId: z.string().min(1).max(100),
});

export type GovernedChatInput = z.input<typeof governedChatInput>;

/**
 * Where the caller knows its brand's state version (an API key reads it when it is
 * authenticated), the lane's reads of slowly changing configuration come from memory for as
 * long as that version holds; otherwise they are read as before.
 */
export interface ChatContext {
  brandStateVersion?: number;
}

const settingsCache = versionedCache<ChatSettings>();
const kitCache = versionedCache<PublishedKit | null>();
const modelIdCache = versionedCache<string | null>();

export interface PreparedChat {
  input: z.output<typeof governedChatInput>;
  principal: Principal;
  /** The calling key, charged with the call's model attempts; null for a person. */
  apiKeyId: string | null;
  kit: BrandKit;
  kitVersion: number;
  channel: Channel;
  inputChecks: TextChecksReport;
  /** The input checks' non-passing results, as recorded and returned. */
  inputFindings: CheckResult[];
  modelId: string;
  route: Awaited<ReturnType<typeof resolveRoute>>;
  /** Writes the call's one record; later calls are ignored, so every path can record safely. */
  record: (outcome: ChatCallOutcome) => Promise<void>;
}

/**
 * Everything before the model call, shared by the plain and the streamed lane: authorization
 * (a key also needs its brand to have opened the lane; a signed-in member of the brand uses
 * it as before), input checks (a blocked request never reaches a model and is refused with
 * the check results), the model and its rollout route. Every call past authorization is
 * recorded, refused ones included.
 */
export async function prepareChat(
  principal: Principal | null,
  raw: GovernedChatInput,
  streamed: boolean,
  context: ChatContext = {},
): Promise<PreparedChat> {
  const startedAt = performance.now();
  const input = parseOrThrow(governedChatInput, raw);
  authorize(principal, "studio:use", input.brandId);
  const apiKeyId = apiKeyIdOf(principal);
  const version = context.brandStateVersion;
  const settings = await settingsCache.get(input.brandId, "chat", version, () =>
    loadChatSettings(input.brandId),
  );
  if (apiKeyId && !settings.enabled) {
    throw new AppError("forbidden", "This brand has not enabled chat completions for API keys", {
      brandId: input.brandId,
    });
  }
  const published = await kitCache.get(input.brandId, "kit", version, () => getPublishedKit(input.brandId));
  if (!published) throw new AppError("conflict", "This brand has no published brand kit to check against");

  // Everything the caller wrote is checked, not only user turns: an injection in a system,
  // developer or tool message reaches the model just the same.
  const prompt = input.messages
    .filter((m) => CALLER_ROLES.has(m.role))
    .map(messageText)
    .join("\n\n");
  const who: ChatCallIdentity = {
    brandId: input.brandId,
    apiKeyId,
    userId: userIdOf(principal),
    requestId: input.requestId,
    input: prompt,
    streamed,
    startedAt,
    reviewSampleRate: settings.reviewSampleRate,
  };
  let recorded = false;
  let budget: BudgetHold | null = null;
  const record = async (outcome: ChatCallOutcome) => {
    if (recorded) return;
    recorded = true;
    // A model that was reached without a known cost (a stream cut short) is charged its
    // reservation: a budget errs towards stopping early.
    await budget?.settle(outcome.costMicroUsd ?? (outcome.versionId ? null : 0));
    await recordChatCall(who, outcome);
  };

  // Every message is checked, whatever its role: a caller writes the system and assistant
  // turns too, and an injection there steers the model as well as one in a user turn.
  const inputChecks = runTextChecks({
    text: input.messages.map((m) => m.content).join("\n\n"),
    kit: published.kit,
    channel: input.channel,
    phase: "input",
  });
  const inputFindings = inputChecks.results.filter((r) => r.verdict !== "pass");
  if (inputChecks.blocked) {
    await record({
      status: "blocked_input",
      blockedReason: {
        phase: "input",
        checks: inputFindings.map((r) => ({ checkId: r.checkId, explanation: r.explanation })),
      },
      checkResults: { input: inputFindings },
    });
    throw new AppError("unprocessable", "The request failed the brand's input checks; no model was called", {
      phase: "input",
      kitVersion: published.version,
      score: inputChecks.score,
      blockedBy: inputChecks.blockedBy,
      results: inputFindings,
    });
  }

  try {
    const modelId = await modelIdCache.get(input.brandId, input.model, version, async () => {
      const row = await findModelBySlug(input.brandId, input.model);
      return row?.id ?? null;
    });
    if (!modelId)
      throw new AppError("not_found", `No generation model "${input.model}" in this brand`, {
        path: "model",
      });
    const route = await resolveRoute({
      brandId: input.brandId,
      modelId,
      unitKey: input.unitKey ?? input.requestId,
      overrideVersionId: input.overrideVersionId,
      principal,
      brandStateVersion: version,
    });
    budget = await holdBudget({
      brandId: input.brandId,
      apiKeyId,
      brandStateVersion: version,
      versionIds: [route.primaryVersionId, route.fallbackVersionId],
      promptTexts: input.messages.map(messageText),
      maxTokens: input.sampling.maxTokens,
      n: input.n,
    });
    return {
      input,
      principal: principal!,
      apiKeyId,
      kit: published.kit,
      kitVersion: published.version,
      channel: input.channel,
      inputChecks,
      inputFindings,
      modelId,
      route,
      record,
    };
  } catch (err) {
    await record(failedOutcome(err));
    throw err;
  }
}

/** A failed call's record: the error's code and message, never a stack. */
export function failedOutcome(err: unknown, extra: Partial<ChatCallOutcome> = {}): ChatCallOutcome {
  const error = err instanceof AppError ? `${err.code}: ${err.message}` : "internal: unexpected error";
  return { status: "failed", error, ...extra };
}
