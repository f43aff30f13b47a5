import { and, asc, eq } from "drizzle-orm";
import { brands, driftAlerts, driftChecks, models } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import { JOBS, type JobPayload } from "@/lib/jobs/contracts";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { driftWindows, type DriftWindows } from "./drift-windows";
import { loadDriftInputs } from "./load-drift-inputs";
import { measureDrift } from "./measure-drift";

export type DetectDriftOptions = JobPayload<"detectDrift">;

export interface DetectDriftResult {
  windows: DriftWindows;
  brands: number;
  checks: number;
  alerts: number;
}

/**
 * The `drift.detect.v1` job: per brand, compare the current window's inputs with the
 * reference window's, store one check per signal and statistic, and raise an alert for each
 * signal that crosses its alert threshold and has none open.
 *
 * Idempotent per brand and window: a rerun finds its checks already stored (their unique key)
 * and raises nothing; alerts and their webhook and audit entry are written only for checks
 * this run inserted, in the same transaction.
 */
export async function detectDrift(options: DetectDriftOptions): Promise<DetectDriftResult> {
  const payload = parseOrThrow(JOBS.detectDrift.schema, options);
  await authorizeJob(payload.actor, "system");
  const windows = driftWindows({
    asOf: payload.asOf ?? new Date(),
    currentHours: payload.currentHours,
    referenceDays: payload.referenceDays,
  });
  const brandIds = payload.brandId
    ? [payload.brandId]
    : (await db().select({ id: brands.id }).from(brands)).map((b) => b.id);
  const result: DetectDriftResult = { windows, brands: brandIds.length, checks: 0, alerts: 0 };
  for (const brandId of brandIds) {
    const counts = await detectBrandDrift(brandId, windows);
    result.checks += counts.checks;
    result.alerts += counts.alerts;
  }
  return result;
}

async function detectBrandDrift(brandId: string, windows: DriftWindows) {
  const [reference, current] = await Promise.all([
    loadDriftInputs({ brandId, window: windows.reference }),
    loadDriftInputs({ brandId, window: windows.current }),
  ]);
  const measurements = measureDrift({ reference, current });
  if (measurements.length === 0) return { checks: 0, alerts: 0 };
  const [model] = await db()
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.brandId, brandId), eq(models.kind, "personalisation")))
    .orderBy(asc(models.createdAt))
    .limit(1);

  return db().transaction(async (tx) => {
    const inserted = await tx
      .insert(driftChecks)
      .values(
        measurements.map((m) => ({
          brandId,
          modelId: m.personalisation ? (model?.id ?? null) : null,
          signal: m.signal,
          statistic: m.statistic,
          value: m.value,
          pValue: m.pValue,
          threshold: m.threshold,
          status: m.status,
          referenceStart: windows.reference.start,
          referenceEnd: windows.reference.end,
          currentStart: windows.current.start,
          currentEnd: windows.current.end,
          referenceCount: m.referenceCount,
          currentCount: m.currentCount,
        })),
      )
      .onConflictDoNothing()
      .returning();
    let alerts = 0;
    for (const check of inserted.filter((c) => c.status === "alert")) {
      // The partial unique index on open alerts turns "already open" into no row.
      const [alert] = await tx
        .insert(driftAlerts)
        .values({
          brandId,
          modelId: check.modelId,
          checkId: check.id,
          signal: check.signal,
          statistic: check.statistic,
          value: check.value,
          threshold: check.threshold,
          since: check.currentStart,
        })
        .onConflictDoNothing()
        .returning();
      if (!alert) continue;
      alerts++;
      const data = {
        alertId: alert.id,
        signal: alert.signal,
        statistic: alert.statistic,
        value: alert.value,
        threshold: alert.threshold,
        pValue: check.pValue,
        modelId: alert.modelId,
        since: alert.since.toISOString(),
        referenceWindow: { start: check.referenceStart.toISOString(), end: check.referenceEnd.toISOString() },
        currentWindow: { start: check.currentStart.toISOString(), end: check.currentEnd.toISOString() },
      };
      await emitWebhookEvent(tx, { brandId, type: "model.drift", data });
      await appendAudit(tx, {
        brandId,
        actor: { kind: "system", reason: "drift.detect.v1" },
        action: "drift.alert.raised",
        target: { type: "drift_alert", id: alert.id },
        data,
      });
    }
    return { checks: inserted.length, alerts };
  });
}
