// Placeholders shown while a panel's Polar data streams in.
const bar = "skeleton";

export function ListSkeleton({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="space-y-4 pt-1">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`${bar} h-8`} />
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
      <p className="muted text-xs">Polar computes metrics on request: this can take up to 30 seconds.</p>
    </div>
  );
}
