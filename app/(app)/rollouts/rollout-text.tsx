import type { RolloutStatus, RolloutStrategy } from "@/db/schema";
import type { RolloutSummary } from "@/lib/rollout/list-rollouts";
import { rolloutConfigSchema } from "@/lib/rollout/rollout-config";
import { Badge } from "../../_components/ui";

export const STRATEGY_TEXT: Record<RolloutStrategy, string> = {
  canary: "Canary",
  ab: "A/B",
  shadow: "Shadow",
  blue_green: "Blue-green",
};

const STATUS_TONE = { active: "blue", paused: "slate", promoted: "green", aborted: "red" } as const;

export function StatusBadge({ status }: { status: RolloutStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}

/** "Step 1 of 2 · 10% candidate", or what a finished or shadow rollout serves. */
export function describeStage(r: RolloutSummary): string {
  if (r.strategy === "shadow") return r.status === "active" ? "Mirroring, serves none" : "—";
  const config = rolloutConfigSchema.parse(r.config);
  const step = r.strategy === "canary" ? `Step ${r.currentStep + 1} of ${config.steps?.length ?? 1} · ` : "";
  if (r.status === "paused") return `${step}paused`;
  if (r.status !== "active") return `${step}ended`;
  return `${step}${r.candidateWeight}% candidate`;
}
