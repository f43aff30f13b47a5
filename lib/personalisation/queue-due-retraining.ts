import { eq, max } from "drizzle-orm";
import { models, modelVersions } from "@/db/schema";
import { db } from "@/lib/db";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";
import { sendJob } from "@/lib/jobs/send-job";
import { readModelPolicy } from "@/lib/models/registry/model-policy";

const HOUR = 3600 * 1000;

/**
 * The hourly retraining schedule (`personalisation.retrain-due.v1`): every personalisation
 * model whose policy sets `retrainEveryHours` and whose newest version is at least that old
 * gets a training job over the last `retrainWindowDays`. The singleton key (model and hour)
 * keeps two schedulers, or a retry, from training the same model twice in one hour.
 */
export async function queueDueRetraining(payload: ParsedJobPayload<"retrainDue">, now = new Date()) {
  await authorizeJob(payload.actor, "system");
  const rows = await db()
    .select({
      id: models.id,
      brandId: models.brandId,
      policy: models.policy,
      newest: max(modelVersions.createdAt),
    })
    .from(models)
    .leftJoin(modelVersions, eq(modelVersions.modelId, models.id))
    .where(eq(models.kind, "personalisation"))
    .groupBy(models.id, models.brandId, models.policy);
  const queued: string[] = [];
  for (const row of rows) {
    const policy = readModelPolicy(row.policy);
    if (policy.retrainEveryHours === null) continue;
    if (row.newest && now.getTime() - new Date(row.newest).getTime() < policy.retrainEveryHours * HOUR)
      continue;
    const hour = Math.floor(now.getTime() / HOUR);
    await sendJob(
      "trainPersonalisation",
      {
        actor: { kind: "system" },
        brandId: row.brandId,
        modelId: row.id,
        windowStart: new Date(now.getTime() - policy.retrainWindowDays * 24 * HOUR),
        windowEnd: now,
        seed: `scheduled-${hour}`,
      },
      { singletonKey: `${row.id}:${hour}` },
    ).catch(() => null);
    queued.push(row.id);
  }
  return { queued };
}
