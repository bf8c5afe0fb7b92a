import Link from "next/link";
import { PERIODS, type PeriodKey } from "@/lib/polar/periods";

/** Segmented links that set `?period=`; the page re-renders on the server. */
export function PeriodPicker({ basePath, current }: { basePath: string; current: PeriodKey }) {
  return (
    <nav aria-label="Reporting period" className="inline-flex rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800/80">
      {(Object.keys(PERIODS) as PeriodKey[]).map((key) => (
        <Link
          key={key}
          href={`${basePath}?period=${key}`}
          scroll={false}
          aria-current={key === current ? "page" : undefined}
          title={`Last ${PERIODS[key].label}`}
          className="segment"
        >
          {key}
        </Link>
      ))}
    </nav>
  );
}
