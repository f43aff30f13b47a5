import pruneAuthRecords from "./prune-auth-records";
import queueProbe from "./queue-probe";
import trainPersonalisation from "./train-personalisation";

export const processors = [queueProbe, pruneAuthRecords, trainPersonalisation];
