// A worker killed and replaced every few seconds (test/chaos/workers-killed.test.ts) pays its
// module loading each time: background processors import their lib code on first use.
import analyseRollouts from "./analyse-rollouts";
import deliverWebhook from "./deliver-webhook";
import detectDrift from "./detect-drift";
import emailNotification from "./email-notification";
import evaluateModelVersion from "./evaluate-model-version";
import failDeadGenerations from "./fail-dead-generations";
import notifySlaDue from "./notify-sla-due";
import pruneApiRecords from "./prune-api-records";
import pruneAuthRecords from "./prune-auth-records";
import queueProbe from "./queue-probe";
import retrainDue from "./retrain-due";
import runGeneration from "./run-generation";
import trainPersonalisation from "./train-personalisation";

export const processors = [
  queueProbe,
  pruneAuthRecords,
  pruneApiRecords,
  trainPersonalisation,
  runGeneration,
  failDeadGenerations,
  deliverWebhook,
  evaluateModelVersion,
  retrainDue,
  detectDrift,
  analyseRollouts,
  emailNotification,
  notifySlaDue,
];
