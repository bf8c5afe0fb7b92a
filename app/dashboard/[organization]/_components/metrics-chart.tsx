"use client";

import { TICKS } from "./chart-scale";

export interface ChartPoint {
  label: string;
  value: number;
  /** The value as people read it, e.g. "$1,240.00". */
  display: string;
}

/**
 * An area chart: the plot is an SVG stretched to its box (strokes keep their
 * width), the axis labels are HTML so they stay legible at any width; each
 * period has a native tooltip. A client component only so that the page's RSC
 * payload carries the points rather than the chart's markup; `ticks` are the
 * labels of TICKS × `max`.
 */
export function MetricsChart({
  title,
  points,
  max,
  ticks,
}: {
  title: string;
  points: ChartPoint[];
  max: number;
  ticks: string[];
}) {
  if (points.every((p) => p.value === 0)) {
    return (
      <div className="flex h-56 items-center justify-center rounded-xl border border-dashed border-zinc-300 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No revenue in this period
      </div>
    );
  }
  const x = (i: number) => (points.length > 1 ? (i / (points.length - 1)) * 100 : 50);
  const y = (value: number) => 100 - (value / max) * 100;
  const line = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(2)},${y(p.value).toFixed(2)}`)
    .join(" ");
  const area = points.length ? `${line} L${x(points.length - 1)},100 L${x(0)},100 Z` : "";
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const slot = 100 / Math.max(1, points.length);

  return (
    <figure className="m-0" aria-label={title}>
      <div className="flex h-56 gap-3" aria-hidden="true">
        <div className="flex w-12 shrink-0 flex-col justify-between pb-6 text-right text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400">
          {ticks.map((label, i) => (
            <span key={i} className="-translate-y-1/2 first:translate-y-0 last:translate-y-0">
              {label}
            </span>
          ))}
        </div>
        <div className="relative flex min-w-0 flex-1 flex-col">
          <div className="relative flex-1">
            {TICKS.map((t) => (
              <div
                key={t}
                className="absolute inset-x-0 border-t border-dashed border-zinc-200 dark:border-zinc-800"
                style={{ top: `${(1 - t) * 100}%` }}
              />
            ))}
            <svg
              viewBox="0 0 100 100"
              preserveAspectRatio="none"
              className="absolute inset-0 size-full overflow-visible"
            >
              <defs>
                <linearGradient id="chart-fill" x1="0" x2="0" y1="0" y2="1">
                  <stop offset="0%" stopColor="var(--color-polar-500)" stopOpacity="0.28" />
                  <stop offset="100%" stopColor="var(--color-polar-500)" stopOpacity="0" />
                </linearGradient>
              </defs>
              <path d={area} fill="url(#chart-fill)" />
              <path
                d={line}
                fill="none"
                stroke="var(--color-polar-500)"
                strokeWidth="2"
                strokeLinejoin="round"
                vectorEffect="non-scaling-stroke"
              />
              {points.map((p, i) => (
                <rect
                  key={p.label}
                  x={Math.max(0, x(i) - slot / 2)}
                  width={slot}
                  y="0"
                  height="100"
                  fill="transparent"
                >
                  <title>{`${p.label}: ${p.display}`}</title>
                </rect>
              ))}
            </svg>
          </div>
          <div className="relative h-6 text-[11px] text-zinc-500 dark:text-zinc-400">
            {points.map((p, i) =>
              i % labelEvery === 0 ? (
                <span
                  key={p.label}
                  className={`absolute top-2 -translate-x-1/2 whitespace-nowrap first:translate-x-0 ${(i / labelEvery) % 2 ? "max-sm:hidden" : ""}`}
                  style={{ left: `${x(i)}%` }}
                >
                  {p.label}
                </span>
              ) : null,
            )}
          </div>
        </div>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td>{p.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
