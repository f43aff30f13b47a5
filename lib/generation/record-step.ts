import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";
import { inSpan } from "@/lib/tracing/in-span";

// The step record lives in db (generations.steps is typed by it).
import type { StepName, StepRecord } from "@/db/schema/json/generation-progress";
import type { StoredGenerationRound } from "@/db/schema/json/rollout-state";
export type { StepName, StepRecord } from "@/db/schema/json/generation-progress";

/** What a progress write adds to the generation's row: steps appended, rounds replaced. */
export interface ProgressColumns {
  steps: SQL;
  rounds?: StoredGenerationRound[];
}

export type Progress = ReturnType<typeof progressOf>;

/**
 * A generation's live progress (`steps`, `rounds`; the UI and the event stream read them) as
 * the pipeline records it. Steps are kept here and written in batches, each in the statement
 * that writes the status beside them: before each model call, so a reader sees where a slow
 * call stands, and when the generation ends. One UPDATE per step was a third of a generation's
 * statements. Steps are only ever appended, so a batch changes no event's position.
 */
export function progressOf(generationId: string) {
  let pending: StepRecord[] = [];
  let rounds: StoredGenerationRound[] | undefined;
  const progress = {
    add(step: StepRecord) {
      pending.push(step);
    },
    /**
     * Runs `fn` as a step: timed, and recorded whether it succeeds or throws; inside a trace,
     * a span `generation.<step>` (its model attempts, checks and queries below it).
     */
    step<T>(name: StepName, fn: () => Promise<T> | T, extra: Partial<StepRecord> = {}): Promise<T> {
      return inSpan(
        `generation.${name}`,
        {
          attributes: { "brandgate.generation.id": generationId, "brandgate.generation.round": extra.round },
        },
        () => progress.timed(name, fn, extra),
      );
    },
    async timed<T>(name: StepName, fn: () => Promise<T> | T, extra: Partial<StepRecord>): Promise<T> {
      const started = performance.now();
      try {
        const value = await fn();
        progress.add({ name, status: "done", ms: Math.round(performance.now() - started), ...extra });
        return value;
      } catch (err) {
        progress.add({
          name,
          status: "failed",
          ms: Math.round(performance.now() - started),
          detail: (err as Error).message.slice(0, 300),
          ...extra,
        });
        throw err;
      }
    },
    /** Every model round so far; written with the next batch of steps. */
    setRounds(all: StoredGenerationRound[]) {
      rounds = [...all];
    },
    /** The columns to write with the caller's own statement; what they hold is no longer pending. */
    take(): ProgressColumns {
      const columns: ProgressColumns = {
        steps: sql`${generations.steps} || ${JSON.stringify(pending)}::jsonb`,
        ...(rounds ? { rounds } : {}),
      };
      pending = [];
      rounds = undefined;
      return columns;
    },
    /** Marks the generation running (unless it has ended) and writes what is pending. */
    async running() {
      await db()
        .update(generations)
        .set({ status: "running", ...progress.take(), updatedAt: sql`now()` })
        .where(and(eq(generations.id, generationId), inArray(generations.status, ["queued", "running"])));
    },
    /** Writes what is pending whatever the status: the last steps of a stored generation. */
    async flush() {
      if (pending.length === 0 && !rounds) return;
      await db()
        .update(generations)
        .set({ ...progress.take(), updatedAt: sql`now()` })
        .where(eq(generations.id, generationId));
    },
  };
  return progress;
}
