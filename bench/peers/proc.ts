/** CPU and memory of processes, from /proc (Linux only). */
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const TICKS_PER_S = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** utime + stime of a process in milliseconds, or 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** Resident set size in MiB (VmRSS), or NaN when the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

/** CPU of a set of processes between `start` and `stop`; pids seen only at stop count from 0. */
export function cpuMeter(pids: () => Promise<number[]>) {
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map((await pids()).map((p) => [p, cpuMs(p)]));
    },
    /** Milliseconds of CPU since `start`, over every pid seen at either end. */
    async stop(): Promise<number> {
      const all = new Set([...before.keys(), ...(await pids())]);
      let ms = 0;
      for (const p of all) ms += Math.max(0, cpuMs(p) - (before.get(p) ?? 0));
      return ms;
    },
  };
}
