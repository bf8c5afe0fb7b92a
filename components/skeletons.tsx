// Placeholders shown while a panel's Polar data streams in.
const bar = "animate-pulse rounded bg-zinc-200 dark:bg-zinc-800";

export function ListSkeleton({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="space-y-4 pt-1">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <div className="flex-1 space-y-2">
            <div className={`${bar} h-3.5 w-2/5`} />
            <div className={`${bar} h-3 w-1/4`} />
          </div>
          <div className={`${bar} h-3.5 w-16`} />
        </div>
      ))}
    </div>
  );
}

export function MetricsSkeleton() {
  return (
    <div role="status" aria-label="Loading metrics" className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
            <div className={`${bar} h-3 w-20`} />
            <div className={`${bar} h-7 w-28`} />
          </div>
        ))}
      </div>
      <div className={`${bar} h-56 w-full rounded-xl`} />
    </div>
  );
}
