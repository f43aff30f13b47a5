import analyseRollouts from "./analyse-rollouts";
import deliverWebhook from "./deliver-webhook";
import pruneApiRecords from "./prune-api-records";
import pruneAuthRecords from "./prune-auth-records";
import queueProbe from "./queue-probe";
import runGeneration from "./run-generation";
import trainPersonalisation from "./train-personalisation";

export const processors = [
  queueProbe,
  pruneAuthRecords,
  pruneApiRecords,
  trainPersonalisation,
  runGeneration,
  deliverWebhook,
  analyseRollouts,
];
