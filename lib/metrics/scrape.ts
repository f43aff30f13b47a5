import client from "prom-client";
import { registry } from "./registry";

export const stateReadErrors = new client.Counter({
  name: "brandgate_metrics_state_read_errors_total",
  help: "Scrapes whose database-state gauges could not be refreshed (the previous values were served)",
  registers: [registry],
});
