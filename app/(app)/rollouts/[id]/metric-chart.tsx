"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface ChartArm {
  n: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface ChartPoint {
  t: number;
  stable: ChartArm;
  candidate: ChartArm;
}

export interface ChartLook {
  t: number;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

const STABLE = "#334155";
const CANDIDATE = "#c2410c";

/**
 * Rates stay within 0–100%, with some headroom: left to itself the axis of an all-zero rate
 * (the usual error rate) stretches to 400%.
 */
const RATE_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.min(1, Math.max(0.01, max * 1.2))];

const time = (t: number) =>
  new Date(t).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const minutes = (t: number) =>
  new Date(t).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * The time axis: at most five ticks, at least 40 px apart, in hours and minutes unless the
 * series spans under ten minutes. Every bucket as HH:MM:SS overlapped into a smear at 390 px.
 */
function timeAxis(data: { t: number }[]) {
  const span = data.length > 1 ? data.at(-1)!.t - data[0]!.t : 0;
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={["dataMin", "dataMax"]}
      scale="time"
      tickFormatter={span < 10 * 60_000 ? time : minutes}
      tickCount={5}
      minTickGap={40}
      interval="preserveStartEnd"
      tick={{ fontSize: 12 }}
    />
  );
}

/**
 * Both arms' cumulative values over time, each with its 95% display band as a range area.
 * The SVG is hidden from assistive technology: the table next to it carries the same numbers.
 */
export function ArmsChart({ points, format }: { points: ChartPoint[]; format: "percent" | "number" }) {
  const data = points.map((p) => ({
    t: p.t,
    stable: p.stable.value,
    stableBand: p.stable.lower === null ? null : [p.stable.lower, p.stable.upper],
    candidate: p.candidate.value,
    candidateBand: p.candidate.lower === null ? null : [p.candidate.lower, p.candidate.upper],
  }));
  const tick = (v: number) => (format === "percent" ? `${(100 * v).toFixed(1)}%` : v.toFixed(0));
  return (
    <div aria-hidden="true" className="h-56 w-full">
      <ComposedChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={data}
        accessibilityLayer={false}
        margin={{ left: 8, right: 16, top: 8 }}
      >
        <CartesianGrid stroke="#e2e8f0" />
        {timeAxis(data)}
        <YAxis
          tickFormatter={tick}
          width={64}
          tick={{ fontSize: 12 }}
          domain={format === "percent" ? RATE_DOMAIN : undefined}
        />
        <Tooltip labelFormatter={(t) => time(Number(t))} formatter={(v) => fmtTooltip(v, tick)} />
        <Legend />
        <Area dataKey="stableBand" name="Stable 95% band" stroke="none" fill={STABLE} fillOpacity={0.15} />
        <Area
          dataKey="candidateBand"
          name="Candidate 95% band"
          stroke="none"
          fill={CANDIDATE}
          fillOpacity={0.15}
        />
        <Line dataKey="stable" name="Stable" stroke={STABLE} dot isAnimationActive={false} />
        <Line dataKey="candidate" name="Candidate" stroke={CANDIDATE} dot isAnimationActive={false} />
      </ComposedChart>
    </div>
  );
}

/** Candidate − stable at each look with its always-valid interval; zero is "no difference". */
export function DifferenceChart({ looks, format }: { looks: ChartLook[]; format: "percent" | "number" }) {
  const data = looks.map((l) => ({
    t: l.t,
    estimate: l.estimate,
    band: l.lower === null || l.upper === null ? null : [l.lower, l.upper],
  }));
  const tick = (v: number) => (format === "percent" ? `${(100 * v).toFixed(1)} pt` : v.toFixed(1));
  return (
    <div aria-hidden="true" className="h-48 w-full">
      <ComposedChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={data}
        accessibilityLayer={false}
        margin={{ left: 8, right: 16, top: 8 }}
      >
        <CartesianGrid stroke="#e2e8f0" />
        {timeAxis(data)}
        <YAxis tickFormatter={tick} width={64} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={(t) => time(Number(t))} formatter={(v) => fmtTooltip(v, tick)} />
        <Legend />
        <ReferenceLine y={0} stroke="#64748b" strokeDasharray="4 4" />
        <Area dataKey="band" name="Always-valid interval" stroke="none" fill={CANDIDATE} fillOpacity={0.2} />
        <Line dataKey="estimate" name="Candidate − stable" stroke={CANDIDATE} dot isAnimationActive={false} />
      </ComposedChart>
    </div>
  );
}

function fmtTooltip(v: unknown, tick: (v: number) => string): string {
  if (Array.isArray(v)) return v.map((x) => tick(Number(x))).join(" – ");
  return typeof v === "number" ? tick(v) : String(v ?? "—");
}
