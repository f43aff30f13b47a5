/** A generation's live progress as the pipeline records it (generations.steps, generations.outcome). */

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

/** Why a generation ended as it did: the reasons people read, plus what the pipeline adds. */
export interface GenerationOutcome {
  reasons: string[];
  [k: string]: unknown;
}
