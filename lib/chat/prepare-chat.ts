import { and, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { models } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { apiKeyIdOf, userIdOf, type Principal } from "@/lib/auth/principal";
import { runTextChecks, type TextChecksReport } from "@/lib/brand/checks/run-text-checks";
import type { CheckResult } from "@/lib/brand/checks/types";
import { channelSchema, type BrandKit, type Channel } from "@/lib/brand/kit";
import { getPublishedKit, type PublishedKit } from "@/lib/brand/kits/get-published-kit";
import { versionedCache } from "@/lib/brand-state/versioned-cache";
import { preparedQuery } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { resolveRoute } from "@/lib/models/routing/resolve-route";
import { loadChatSettings, type ChatSettings } from "./chat-settings";
import { recordChatCall, type ChatCallIdentity, type ChatCallOutcome } from "./record-chat-call";

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string().max(50_000),
});

export const governedChatInput = z.object({
  brandId: z.string().uuid(),
  /** A generation model of the brand, by id or by name. */
  model: z.string().min(1).max(200),
  messages: z.array(chatMessageSchema).min(1).max(50),
  channel: channelSchema.default("social"),
  unitKey: z.string().min(1).max(200).optional(),
  overrideVersionId: z.string().uuid().nullable().optional(),
  requestId: z.string().min(1).max(100),
});

/** A generation model of the brand, by name or by id. */
const modelByNameOrId = preparedQuery((database) =>
  database
    .select({ id: models.id })
    .from(models)
    .where(
      and(
        eq(models.brandId, sql.placeholder("brandId")),
        eq(models.kind, "generation"),
        // The slug is the id GET /api/v1/models lists; the name and the uuid still work.
        or(
          eq(models.slug, sql.placeholder("model")),
          eq(models.name, sql.placeholder("model")),
          eq(sql`${models.id}::text`, sql.placeholder("model")),
        ),
      ),
    )
    .prepare("chat_model"),
);

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

  const prompt = input.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
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
  const record = async (outcome: ChatCallOutcome) => {
    if (recorded) return;
    recorded = true;
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
      const [row] = await modelByNameOrId().execute({ brandId: input.brandId, model: input.model });
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
    return {
      input,
      principal: principal!,
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
