/**
 * model_versions.lineage: where a version came from. The trainer writes the fields below; an
 * uploaded or hand-registered version may carry any of them or others, so every field is
 * optional and readers show what is there.
 */
export interface StoredModelLineage {
  windowStart?: string;
  windowEnd?: string;
  events?: { total?: number; positives?: number };
  metrics?: { holdout?: { auc?: number | null; logLoss?: number } };
  trainer?: { algorithm?: string };
  [key: string]: unknown;
}
