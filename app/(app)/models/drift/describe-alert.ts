import type { DriftAlertRow } from "@/db/schema";

const when = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** "audience.segment PSI 0.41 since 31 May, 12:00 UTC": the banner's and the list's wording. */
export function describeAlert(
  alert: Pick<DriftAlertRow, "signal" | "statistic" | "value" | "since">,
): string {
  return `${alert.signal} ${alert.statistic.toUpperCase()} ${alert.value.toFixed(2)} since ${when.format(alert.since)}`;
}
