import { and, desc, eq, inArray, isNotNull, isNull, notExists, or, sql } from "drizzle-orm";
import { chatCalls, rollouts, shadowOutputs, shadowPreferences } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { candidatePosition } from "./blind-position";

/** One answer as a reviewer reads it: the template's slots in order, or plain text. */
export type BlindAnswer = { name: string | null; text: string }[];

/**
 * What the reviewer's page gets: the pair's id, the brief, and two answers as A and B. Nothing
 * here names a model, a version or a label, and nothing says which answer is the candidate.
 */
export interface BlindPair {
  shadowOutputId: string;
  prompt: string;
  a: BlindAnswer;
  b: BlindAnswer;
  /** Pairs still waiting for this reviewer, this one included. */
  waiting: number;
}

/**
 * The next shadow output this reviewer has not compared yet, from a live (active or paused)
 * shadow rollout of the brand — only those can still gate a promotion — with the answer the
 * primary served to the same request: stored with the shadow output for generations, read
 * from chat_calls for the chat lane. Failed shadow calls and withheld answers are skipped.
 */
export async function nextBlindPair(
  principal: Principal | null,
  input: { brandId: string },
): Promise<BlindPair | null> {
  authorize(principal, "review:act", input.brandId);
  const reviewerId = principal.user.id;
  const prompt = sql<string | null>`coalesce(${shadowOutputs.prompt}, ${chatCalls.input})`;
  const primaryOutput = sql<string | null>`coalesce(${shadowOutputs.primaryOutput}, ${chatCalls.output})`;
  const where = and(
    eq(shadowOutputs.brandId, input.brandId),
    isNull(shadowOutputs.error),
    isNotNull(shadowOutputs.output),
    sql`${primaryOutput} is not null`,
    or(isNotNull(shadowOutputs.primaryOutput), eq(chatCalls.status, "completed")),
    notExists(
      db()
        .select({ one: sql`1` })
        .from(shadowPreferences)
        .where(
          and(
            eq(shadowPreferences.shadowOutputId, shadowOutputs.id),
            eq(shadowPreferences.reviewerId, reviewerId),
          ),
        ),
    ),
  );
  const [row] = await db()
    .select({
      id: shadowOutputs.id,
      prompt,
      output: shadowOutputs.output,
      primaryOutput,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(shadowOutputs)
    .innerJoin(
      rollouts,
      and(
        eq(rollouts.modelId, shadowOutputs.modelId),
        eq(rollouts.strategy, "shadow"),
        inArray(rollouts.status, ["active", "paused"]),
        eq(rollouts.candidateVersionId, shadowOutputs.versionId),
        eq(rollouts.stableVersionId, shadowOutputs.primaryVersionId),
      ),
    )
    .leftJoin(
      chatCalls,
      and(eq(chatCalls.brandId, shadowOutputs.brandId), eq(chatCalls.requestId, shadowOutputs.requestId)),
    )
    .where(where)
    .orderBy(desc(shadowOutputs.createdAt))
    .limit(1);
  if (!row || row.output === null || row.primaryOutput === null) return null;
  const candidate = answerOf(row.output);
  const stable = answerOf(row.primaryOutput);
  const candidateFirst = candidatePosition(row.id, reviewerId) === "A";
  return {
    shadowOutputId: row.id,
    prompt: row.prompt ?? "",
    a: candidateFirst ? candidate : stable,
    b: candidateFirst ? stable : candidate,
    waiting: row.total,
  };
}

/** A generation's answer is its slots as JSON; anything else is shown as it is. */
export function answerOf(stored: string): BlindAnswer {
  try {
    const value: unknown = JSON.parse(stored);
    if (value && typeof value === "object" && !Array.isArray(value))
      return Object.entries(value).map(([name, v]) => ({
        name,
        text: Array.isArray(v) ? v.map(String).join("\n") : String(v ?? ""),
      }));
    if (typeof value === "string") return [{ name: null, text: value }];
  } catch {
    // Not JSON: a chat answer, or a generation round the model did not answer in slots.
  }
  return [{ name: null, text: stored }];
}
