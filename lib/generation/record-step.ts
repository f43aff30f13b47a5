import { eq, sql } from "drizzle-orm";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";

export type StepName =
  | "input-checks"
  | "prompt"
  | "route"
  | "generate"
  | "parse"
  | "output-checks"
  | "auto-fix"
  | "personalise"
  | "render"
  | "store"
  | "submit";

export interface StepRecord {
  name: StepName;
  status: "done" | "failed" | "skipped";
  ms: number;
  round?: number;
  detail?: string;
}

/** Appends a timed step to the generation's live progress (the UI polls it). */
export async function recordStep(generationId: string, step: StepRecord): Promise<void> {
  await db()
    .update(generations)
    .set({ steps: sql`${generations.steps} || ${JSON.stringify([step])}::jsonb`, updatedAt: sql`now()` })
    .where(eq(generations.id, generationId));
}

/** Runs `fn` as a step: timed and recorded whether it succeeds or throws. */
export async function step<T>(
  generationId: string,
  name: StepName,
  fn: () => Promise<T> | T,
  extra: Partial<StepRecord> = {},
): Promise<T> {
  const started = performance.now();
  try {
    const value = await fn();
    await recordStep(generationId, {
      name,
      status: "done",
      ms: Math.round(performance.now() - started),
      ...extra,
    });
    return value;
  } catch (err) {
    await recordStep(generationId, {
      name,
      status: "failed",
      ms: Math.round(performance.now() - started),
      detail: (err as Error).message.slice(0, 300),
      ...extra,
    });
    throw err;
  }
}
