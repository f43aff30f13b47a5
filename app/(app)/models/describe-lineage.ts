import type { ModelVersionListing } from "@/lib/models/registry/list-model-versions";

const day = (iso?: string) => (iso ? iso.slice(0, 10) : "?");

/**
 * Where a version came from, in one line. Lineage is stored as free JSON (the trainer writes
 * it), so every field is read as optional: an older or hand-registered version still shows.
 */
export function describeLineage(v: ModelVersionListing): string {
  if (v.kind === "generation") {
    const from = `Registered from ${v.provider ?? "?"} model ${v.providerModel ?? "?"} on ${day(v.createdAt.toISOString())}`;
    return v.notes ? `${from} · ${v.notes}` : from;
  }
  const l = v.lineage ?? {};
  const parts = [`Trained on ${day(l.windowStart)} – ${day(l.windowEnd)}`];
  if (l.events?.total !== undefined)
    parts.push(`${l.events.total} exposures (${l.events.positives ?? 0} positive)`);
  const auc = l.metrics?.holdout?.auc;
  if (auc !== undefined) parts.push(`holdout AUC ${auc === null ? "n/a" : auc.toFixed(3)}`);
  if (l.metrics?.holdout?.logLoss !== undefined)
    parts.push(`log loss ${l.metrics.holdout.logLoss.toFixed(3)}`);
  if (l.trainer?.algorithm) parts.push(l.trainer.algorithm);
  return parts.join(" · ");
}
