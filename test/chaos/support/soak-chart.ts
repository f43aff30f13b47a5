/**
 * The soak's curves as one self-contained HTML page: inline SVG line charts (memory, latency,
 * throughput), the figures and the verdicts. No scripts, fonts or anything fetched: the file
 * opens offline, from a CI artifact or an e-mail.
 */

/** One 5 s window of the soak; `t` is its end, in seconds since the load started. */
export interface SoakSample {
  t: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** The heap that survived a forced full GC: what a leak grows. */
  heapAfterGcMiB: number | null;
  gcMs: number | null;
  /** Requests that completed in the window, their latency percentiles and failures. */
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  loopDelayP99Ms: number;
  /** The server process's CPU over the window, in % of one core. */
  cpuPct: number;
  /** PostgreSQL's time executing this run's statements over the window, in % of one core. */
  pgActivePct: number;
  /** The machine's 1-minute load average: other work on the shared cores shows here. */
  loadAvg: number;
  /** Every process's CPU over the window, in % of all the machine's cores; then I/O wait and steal. */
  machineBusyPct: number;
  iowaitPct: number;
  stealPct: number;
  /** p99 per kind of request, for the JSON (not charted). */
  p99ByKindMs?: Record<string, number>;
}

export interface SoakReport {
  title: string;
  startedAt: string;
  warmupS: number;
  samples: SoakSample[];
  /** Label → value, shown as a table. */
  figures: [string, string][];
  verdicts: { name: string; ok: boolean; detail: string }[];
}

interface Series {
  name: string;
  color: string;
  value: (s: SoakSample) => number | null;
}

const W = 960;
const H = 240;
const M = { left: 64, right: 16, top: 44, bottom: 32 };

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 1, 2 or 5 times a power of ten: a step giving about `ticks` gridlines over `span`. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks || 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
}

function chart(title: string, unit: string, samples: SoakSample[], series: Series[], warmupS: number) {
  const maxT = Math.max(1, ...samples.map((s) => s.t));
  const values = series.flatMap((se) => samples.map(se.value)).filter((v): v is number => v !== null);
  const yStep = niceStep(Math.max(1e-9, ...values) * 1.1, 5);
  const maxY = Math.ceil((Math.max(1e-9, ...values) * 1.1) / yStep) * yStep;
  const x = (t: number) => M.left + (t / maxT) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / maxY) * (H - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(
    `<rect x="${x(0)}" y="${M.top}" width="${x(Math.min(warmupS, maxT)) - x(0)}" height="${H - M.top - M.bottom}" fill="#f1f1f1"/>`,
    `<text x="${x(0) + 4}" y="${M.top + 12}" font-size="10" fill="#888">warm-up</text>`,
  );
  for (let v = 0; v <= maxY + 1e-9; v += yStep) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end">${+v.toPrecision(4)}</text>`,
    );
  }
  const xStep = niceStep(maxT, 10);
  for (let t = 0; t <= maxT + 1e-9; t += xStep) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#666"/>`,
      `<text x="${x(t)}" y="${H - M.bottom + 16}" font-size="11" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#666"/>`,
    `<text x="${W - M.right}" y="${H - 2}" font-size="11" text-anchor="end">seconds</text>`,
    `<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(title)} (${esc(unit)})</text>`,
  );
  series.forEach((se, i) => {
    const points = samples
      .map((s) => [s.t, se.value(s)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`)
      .join(" ");
    parts.push(`<polyline fill="none" stroke="${se.color}" stroke-width="1.6" points="${points}"/>`);
    // The legend on its own line under the title, so neither covers the other.
    const lx = M.left + 200 * i;
    parts.push(
      `<rect x="${lx}" y="24" width="10" height="10" fill="${se.color}"/>`,
      `<text x="${lx + 14}" y="33" font-size="11">${esc(se.name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">${parts.join("")}</svg>`;
}

export function renderSoakHtml(r: SoakReport): string {
  const s = r.samples;
  const charts = [
    chart("Server RSS", "MiB", s, [{ name: "rss", color: "#1f77b4", value: (x) => x.rssMiB }], r.warmupS),
    chart(
      "Server heap",
      "MiB",
      s,
      [
        { name: "heapUsed (before GC)", color: "#ff7f0e", value: (x) => x.heapUsedMiB },
        { name: "retained (after full GC)", color: "#2ca02c", value: (x) => x.heapAfterGcMiB },
      ],
      r.warmupS,
    ),
    chart(
      "Latency per 5 s window",
      "ms",
      s,
      [
        { name: "p50", color: "#2ca02c", value: (x) => x.p50Ms },
        { name: "p99", color: "#d62728", value: (x) => x.p99Ms },
        { name: "event-loop delay p99", color: "#9467bd", value: (x) => x.loopDelayP99Ms },
      ],
      r.warmupS,
    ),
    chart(
      "Throughput",
      "req/s, errors",
      s,
      [
        { name: "completed req/s", color: "#1f77b4", value: (x) => x.rps },
        { name: "errors", color: "#d62728", value: (x) => x.errors },
      ],
      r.warmupS,
    ),
    chart(
      "Where the time went",
      "% of one core",
      s,
      [
        { name: "server CPU", color: "#8c564b", value: (x) => x.cpuPct },
        { name: "PostgreSQL active", color: "#17becf", value: (x) => x.pgActivePct },
      ],
      r.warmupS,
    ),
    chart(
      "The machine's CPU, every process (2 cores, shared)",
      "% of all cores",
      s,
      [
        { name: "busy", color: "#7f7f7f", value: (x) => x.machineBusyPct },
        { name: "I/O wait", color: "#bcbd22", value: (x) => x.iowaitPct },
        { name: "steal", color: "#e377c2", value: (x) => x.stealPct },
      ],
      r.warmupS,
    ),
    chart(
      "The machine's load average, 1 min (2 cores, shared)",
      "runnable tasks",
      s,
      [{ name: "load average", color: "#7f7f7f", value: (x) => x.loadAvg }],
      r.warmupS,
    ),
  ];
  const rows = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
  const verdicts = r.verdicts
    .map(
      (v) =>
        `<tr><th>${esc(v.name)}</th><td class="${v.ok ? "ok" : "bad"}">${v.ok ? "pass" : "FAIL"}</td><td>${esc(v.detail)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body{font-family:sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:12px 0}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;font-size:13px}
th{background:#fafafa;font-weight:normal}
.ok{color:#2a7a2a}.bad{color:#c00;font-weight:bold}
svg{display:block;margin:16px 0}
</style></head><body>
<h1>${esc(r.title)}</h1>
<p>Started ${esc(r.startedAt)}. Grey: the warm-up (${r.warmupS} s), left out of the growth and stability figures.</p>
<table>${verdicts}</table>
<table>${rows(r.figures)}</table>
${charts.join("\n")}
</body></html>
`;
}
