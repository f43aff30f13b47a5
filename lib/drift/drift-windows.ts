export interface DriftWindowsOptions {
  /** The moment the comparison is for; floored to the hour so reruns within it agree. */
  asOf: Date;
  currentHours: number;
  referenceDays: number;
}

export interface DriftWindows {
  reference: { start: Date; end: Date };
  current: { start: Date; end: Date };
}

const HOUR = 3_600_000;

/**
 * The current window is the `currentHours` before the hour `asOf` falls in; the reference is
 * the `referenceDays` before that. Both are half-open [start, end), and they touch but do not
 * overlap. Flooring to the hour is what makes a rerun of the hourly job find the same window.
 */
export function driftWindows({ asOf, currentHours, referenceDays }: DriftWindowsOptions): DriftWindows {
  const end = Math.floor(asOf.getTime() / HOUR) * HOUR;
  const currentStart = end - currentHours * HOUR;
  return {
    current: { start: new Date(currentStart), end: new Date(end) },
    reference: { start: new Date(currentStart - referenceDays * 24 * HOUR), end: new Date(currentStart) },
  };
}
