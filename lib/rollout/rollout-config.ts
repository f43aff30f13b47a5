// The schema lives in db (the rollouts.config column is typed by it).
export {
  rolloutConfigSchema,
  type RolloutConfig,
  type RolloutConfigInput,
} from "@/db/schema/json/rollout-config";
