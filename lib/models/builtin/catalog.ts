/**
 * The versions the built-in model server ships. They differ on purpose, so a rollout
 * between them has something to measure: v2 writes longer copy and slips deprecated or
 * banned wording (and a competitor's name) far more often than v1.
 */
export interface BuiltinModelSpec {
  id: string;
  description: string;
  /** Sentences in a body slot, inclusive range. */
  bodySentences: readonly [number, number];
  /** Chance that a sentence gets an extra filler clause. */
  fillerRate: number;
  /** Chance, per slot, of one term from SLIP_TERMS. */
  slipRate: number;
}

/** Words a brand's checks are expected to catch: cheap-sounding claims, absolutes, a competitor. */
export const SLIP_TERMS = ["cheap", "guaranteed", "best-in-class", "Contoso"] as const;

export const BUILTIN_MODELS: Record<string, BuiltinModelSpec> = {
  "brandgate-copy-1": {
    id: "brandgate-copy-1",
    description: "Concise copy; rarely strays from the brief",
    bodySentences: [2, 3],
    fillerRate: 0.1,
    slipRate: 0.02,
  },
  "brandgate-copy-2": {
    id: "brandgate-copy-2",
    description: "Wordier copy; slips deprecated terms more often",
    bodySentences: [3, 5],
    fillerRate: 0.6,
    slipRate: 0.3,
  },
};

export const BUILTIN_MODEL_IDS = Object.keys(BUILTIN_MODELS);
