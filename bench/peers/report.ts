/** The peer bench's figures: medians over rounds, ratios against Portkey, the issue's goals. */
import type { LoadResult } from "./load";

export type TargetName = "direct" | "raw" | "portkey" | "brandgate" | "web";
/** Brandgate's two targets: the API-only instance and the production web server (npm start). */
export const BRANDGATE_TARGETS = ["brandgate", "web"] as const satisfies TargetName[];
export const isBrandgate = (t: TargetName) => (BRANDGATE_TARGETS as readonly TargetName[]).includes(t);
export interface Scenario {
  id: string;
  connections: number;
  delayMs: number;
}
export interface Step extends LoadResult {
  round: number;
  scenario: string;
  target: TargetName;
  /** CPU of the target's own process during the step. */
  serverCpuMs: number;
  /** CPU of PostgreSQL on Brandgate's behalf during the step (0 for the others). */
  pgCpuMs: number;
  /** PostgreSQL transactions in Brandgate's database during the step (0 for the others). */
  pgXacts: number;
  rssMiB: number;
}

/** Brandgate ÷ Portkey, as the issue sets them. */
export const GOALS = [
  { id: "cpu/req c50-0ms", scenario: "c50-0ms", metric: "cpuMsPerReq", atMost: 0.4 },
  { id: "req/s c50-0ms", scenario: "c50-0ms", metric: "rps", atLeast: 2.5, zeroErrors: true },
  { id: "req/s c200-50ms", scenario: "c200-50ms", metric: "rps", atLeast: 2.5, zeroErrors: true },
  { id: "added p50 c1-0ms", scenario: "c1-0ms", metric: "addedP50", atMost: 0.75 },
  { id: "added p99 c50-50ms", scenario: "c50-50ms", metric: "addedP99", atMost: 0.5 },
  { id: "RSS", scenario: null, metric: "rssMiB", atMost: 0.75 },
] as const;

type Metric =
  | "rps"
  | "p50"
  | "p975"
  | "p99"
  | "addedP50"
  | "addedP99"
  | "cpuMsPerReq"
  | "pgMsPerReq"
  | "pgXactsPerReq"
  | "rssMiB";
const METRICS: Metric[] = [
  "rps",
  "p50",
  "p975",
  "p99",
  "addedP50",
  "addedP99",
  "cpuMsPerReq",
  "pgMsPerReq",
  "pgXactsPerReq",
  "rssMiB",
];
const RATIOS: Metric[] = ["rps", "addedP50", "addedP99", "cpuMsPerReq", "rssMiB"];

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function report(input: {
  steps: Step[];
  scenarios: Scenario[];
  targets: TargetName[];
  rounds: number;
}) {
  const { steps, scenarios, targets, rounds } = input;
  const find = (round: number, scenario: string, target: TargetName) =>
    steps.find((s) => s.round === round && s.scenario === scenario && s.target === target);
  // RSS is the process's, not the scenario's: the largest seen at a step's end in the round.
  const rssOf = (round: number, target: TargetName) =>
    Math.max(...steps.filter((s) => s.round === round && s.target === target).map((s) => s.rssMiB));

  function metrics(round: number, scenario: string, target: TargetName): Record<Metric, number> | null {
    const s = find(round, scenario, target);
    const direct = find(round, scenario, "direct");
    if (!s || !direct) return null;
    return {
      rps: s.ok / s.elapsedS,
      p50: s.p50,
      p975: s.p975,
      p99: s.p99,
      addedP50: s.p50 - direct.p50,
      addedP99: s.p99 - direct.p99,
      cpuMsPerReq: (s.serverCpuMs + s.pgCpuMs) / s.ok,
      pgMsPerReq: s.pgCpuMs / s.ok,
      pgXactsPerReq: s.pgXacts / s.ok,
      rssMiB: rssOf(round, target),
    };
  }

  const table: Record<
    string,
    Record<
      string,
      { median: Record<Metric, number>; errors: number; vsPortkey: Partial<Record<Metric, number>> }
    >
  > = {};
  for (const sc of scenarios) {
    table[sc.id] = {};
    for (const t of targets) {
      const perRound = Array.from({ length: rounds }, (_, i) => ({
        mine: metrics(i + 1, sc.id, t),
        portkey: metrics(i + 1, sc.id, "portkey"),
      }));
      const med = Object.fromEntries(
        METRICS.map((m) => [m, median(perRound.map((r) => r.mine?.[m] ?? NaN))]),
      ) as Record<Metric, number>;
      const vsPortkey = Object.fromEntries(
        RATIOS.map((m) => [
          m,
          median(perRound.map((r) => (r.mine && r.portkey ? r.mine[m] / r.portkey[m] : NaN))),
        ]),
      );
      const errors = steps
        .filter((s) => s.scenario === sc.id && s.target === t)
        .reduce((n, s) => n + s.errors, 0);
      table[sc.id]![t] = { median: med, errors, vsPortkey };
    }
  }

  const goalsOf = (target: (typeof BRANDGATE_TARGETS)[number]) =>
    GOALS.map((g) => {
      const scenario = g.scenario ?? scenarios.find((s) => table[s.id]?.[target])?.id;
      const row = scenario ? table[scenario]?.[target] : undefined;
      const ratio = row?.vsPortkey[g.metric] ?? NaN;
      const errors = row?.errors ?? NaN;
      const holds =
        Number.isFinite(ratio) &&
        ("atMost" in g ? ratio <= g.atMost : ratio >= g.atLeast) &&
        (!("zeroErrors" in g) || errors === 0);
      return { id: g.id, ratio, bound: "atMost" in g ? `≤ ${g.atMost}` : `≥ ${g.atLeast}`, errors, holds };
    });
  const goals = targets.includes("brandgate") ? goalsOf("brandgate") : [];
  const webGoals = targets.includes("web") ? goalsOf("web") : [];

  print(table, scenarios, targets);
  for (const [target, list] of [
    ["brandgate (API-only instance)", goals],
    ["web (the production web server, npm start)", webGoals],
  ] as const) {
    if (list.length === 0) continue;
    console.log(`\nGoals for ${target} (÷ Portkey, median of per-round ratios):\n`);
    console.log("| goal | ratio | bound | holds |\n| --- | --- | --- | --- |");
    for (const g of list) {
      const err = g.id.startsWith("req/s") ? ` (${g.errors} errors)` : "";
      console.log(`| ${g.id} | ${f(g.ratio, 3)}×${err} | ${g.bound} | ${g.holds ? "yes" : "**no**"} |`);
    }
  }
  return { table, goals, webGoals };
}

const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

function print(table: ReturnType<typeof report>["table"], scenarios: Scenario[], targets: TargetName[]) {
  for (const sc of scenarios) {
    console.log(
      `\n${sc.id}: ${sc.connections} connection(s), upstream ${sc.delayMs} ms (medians of rounds)\n`,
    );
    console.log(
      "| target | req/s | p50 ms | p97.5 ms | p99 ms | added p50 | added p99 | CPU ms/req (pg; pg tx/req) | RSS MiB | errors | × req/s | × added p50 | × added p99 | × CPU | × RSS |",
    );
    console.log(
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const t of targets) {
      const r = table[sc.id]![t]!;
      const m = r.median;
      const x = (k: Metric) => (t === "portkey" ? "1" : f(r.vsPortkey[k] ?? NaN, 2));
      const direct = t === "direct";
      console.log(
        `| ${t} | ${f(m.rps, 0)} | ${f(m.p50, 2)} | ${f(m.p975, 2)} | ${f(m.p99, 2)} | ${direct ? "–" : f(m.addedP50, 2)} | ${direct ? "–" : f(m.addedP99, 2)} | ${f(m.cpuMsPerReq, 3)}${isBrandgate(t) ? ` (${f(m.pgMsPerReq, 3)}; ${f(m.pgXactsPerReq, 1)} tx)` : ""} | ${f(m.rssMiB, 0)} | ${r.errors} | ${x("rps")} | ${direct ? "–" : x("addedP50")} | ${direct ? "–" : x("addedP99")} | ${x("cpuMsPerReq")} | ${x("rssMiB")} |`,
      );
    }
  }
}
