"use client";

/** One headline number with a sparkline of its periods. */
export function KpiCard({
  label,
  value,
  series,
  className = "",
}: {
  label: string;
  value: string;
  series: number[];
  className?: string;
}) {
  const max = Math.max(1, ...series);
  const path = series
    .map(
      (v, i) =>
        `${i === 0 ? "M" : "L"}${((i / Math.max(1, series.length - 1)) * 100).toFixed(2)},${(30 - (v / max) * 28).toFixed(2)}`,
    )
    .join(" ");
  return (
    <div className={`min-w-0 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800 ${className}`}>
      <dt className="muted text-sm">{label}</dt>
      <dd className="mt-1 flex items-end justify-between gap-3">
        <span className="truncate text-xl font-semibold tracking-tight tabular-nums sm:text-2xl">
          {value}
        </span>
        <svg
          viewBox="0 0 100 32"
          preserveAspectRatio="none"
          className="h-8 w-16 shrink-0 sm:w-24"
          aria-hidden="true"
        >
          <path
            d={path}
            fill="none"
            stroke="var(--color-polar-500)"
            strokeWidth="2"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      </dd>
    </div>
  );
}
