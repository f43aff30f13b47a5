import { formatUsd } from "@/lib/models/cost";
import { formatDateTime } from "../../_components/format-date-time";

export interface DayCost {
  day: string;
  costMicroUsd: number;
}

/**
 * Cost per day as SVG bars. It scales with its box (viewBox, width 100%), so it fits a 390 px
 * phone as well as a desktop; the SVG is hidden from assistive technology because the table
 * below carries the same figures.
 */
export function CostChart({ days, locale }: { days: DayCost[]; locale: string }) {
  const width = 600;
  const height = 160;
  const top = 12;
  const bottom = 20;
  const max = Math.max(1, ...days.map((d) => d.costMicroUsd));
  const slot = width / Math.max(1, days.length);
  const bar = Math.max(2, slot * 0.7);
  const scale = (v: number) => ((height - top - bottom) * v) / max;
  const label = (i: number) => i === 0 || i === days.length - 1 || (days.length > 10 && i % 7 === 0);
  return (
    <figure className="w-full">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="h-40 w-full"
        aria-hidden="true"
        data-testid="cost-chart"
      >
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} stroke="#cbd5e1" />
        {days.map((d, i) => {
          const h = scale(d.costMicroUsd);
          return (
            <g key={d.day}>
              <rect
                x={i * slot + (slot - bar) / 2}
                y={height - bottom - h}
                width={bar}
                height={h}
                fill="#1d4ed8"
                data-day={d.day}
              >
                <title>{`${formatDateTime(d.day, locale, "date")}: $${formatUsd(d.costMicroUsd)}`}</title>
              </rect>
              {label(i) && (
                <text x={i * slot + slot / 2} y={height - 6} fontSize={10} textAnchor="middle" fill="#475569">
                  {formatDateTime(d.day, locale, "day-month")}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600">
        Cost per UTC day, highest ${formatUsd(max)}.
      </figcaption>
    </figure>
  );
}
