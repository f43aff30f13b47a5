import { and, eq, max, sql } from "drizzle-orm";
import { models, modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { JOBS } from "@/lib/jobs/contracts";
import type { ModelCaller } from "@/lib/models/registry/model-caller";
import { readModelPolicy } from "@/lib/models/registry/model-policy";

const HOUR = 3600 * 1000;

export interface TrainingSchedule {
  modelId: string;
  /** The policy's `retrainEveryHours`; null: trained on demand only. */
  everyHours: number | null;
  windowDays: number;
  /** When the newest version was registered: what the hourly schedule measures from. */
  newestVersionAt: Date | null;
  /** When the hourly schedule will next queue a run (at its first check after this); null: never. */
  nextDueAt: Date | null;
  /** The latest training job of the model (scheduled or "Train now"), while the queue keeps it. */
  lastRun: { jobId: string; state: string; queuedAt: Date; finishedAt: Date | null } | null;
}

/**
 * The retraining schedule and last run of each personalisation model of the caller's brand,
 * for the Models page. The last run is read from the job queue's own table: a job's state is
 * the queue's, and completed jobs are kept there for days (pg-boss's retention).
 */
export async function getTrainingSchedules(caller: ModelCaller): Promise<Map<string, TrainingSchedule>> {
  const rows = await db()
    .select({ id: models.id, policy: models.policy, newest: max(modelVersions.createdAt) })
    .from(models)
    .leftJoin(modelVersions, eq(modelVersions.modelId, models.id))
    .where(and(eq(models.brandId, caller.brandId), eq(models.kind, "personalisation")))
    .groupBy(models.id, models.policy);
  const schedules = new Map<string, TrainingSchedule>();
  for (const row of rows) {
    const policy = readModelPolicy(row.policy);
    const newest = row.newest ? new Date(row.newest) : null;
    const [last] = await db().execute<{
      id: string;
      state: string;
      created_on: Date;
      completed_on: Date | null;
    }>(
      sql`select id, state, created_on, completed_on from pgboss.job
          where name = ${JOBS.trainPersonalisation.name} and data->>'modelId' = ${row.id}
          order by created_on desc limit 1`,
    );
    schedules.set(row.id, {
      modelId: row.id,
      everyHours: policy.retrainEveryHours,
      windowDays: policy.retrainWindowDays,
      newestVersionAt: newest,
      nextDueAt:
        policy.retrainEveryHours === null
          ? null
          : new Date((newest?.getTime() ?? Date.now()) + (newest ? policy.retrainEveryHours * HOUR : 0)),
      lastRun: last
        ? {
            jobId: last.id,
            state: last.state,
            queuedAt: new Date(last.created_on),
            finishedAt: last.completed_on ? new Date(last.completed_on) : null,
          }
        : null,
    });
  }
  return schedules;
}
