import type { PolarProblem } from "@/lib/polar/errors";

function age(readAt: Date) {
  const seconds = Math.max(0, Math.round((Date.now() - readAt.getTime()) / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

const whyStale: Partial<Record<PolarProblem["kind"], string>> = {
  busy: "this app is using its whole Polar request budget",
  "rate-limited": "Polar is rate limiting this app",
  unavailable: "Polar is not answering",
};

/**
 * When a panel's data was read from Polar, and, if it could not be refreshed,
 * why it is older; or that a newer copy is loading (Polar is slow to answer it).
 */
export function ReadTime({
  readAt,
  stale,
  updating,
}: {
  readAt: Date;
  stale?: PolarProblem;
  updating?: boolean;
}) {
  const time = <time dateTime={readAt.toISOString()}>{age(readAt)}</time>;
  if (updating)
    return (
      <p data-updating className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
        Showing data from {time} while Polar prepares a newer copy: reload in a moment.
      </p>
    );
  if (!stale) return <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">Updated {time}</p>;
  return (
    <p data-stale={stale.kind} className="mt-3 text-xs text-amber-800 dark:text-amber-200">
      Showing data from {time}: {whyStale[stale.kind] ?? "Polar could not be asked again"}.
    </p>
  );
}
