import { readFileSync } from "node:fs";

export interface MachineCpu {
  busy: number;
  iowait: number;
  steal: number;
  total: number;
}

/** The whole machine's CPU time so far, every process and core, from /proc/stat (Linux). */
export function machineCpu(): MachineCpu {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  return {
    busy: user! + nice! + system! + irq! + softirq!,
    iowait: iowait!,
    steal: steal!,
    total: user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!,
  };
}

/** Shares of the machine's CPU between two readings, in % of all its cores. */
export function machineShares(from: MachineCpu, to: MachineCpu) {
  const total = to.total - from.total || 1;
  const pct = (k: keyof MachineCpu) => Math.round(((to[k] - from[k]) / total) * 1000) / 10;
  return { machineBusyPct: pct("busy"), iowaitPct: pct("iowait"), stealPct: pct("steal") };
}
