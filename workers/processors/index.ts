import pruneAuthRecords from "./prune-auth-records";
import queueProbe from "./queue-probe";

export const processors = [queueProbe, pruneAuthRecords];
