import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

const linkClass = "button-secondary button-small";
const disabledClass = "button-secondary button-small cursor-default opacity-50";

/** Previous/next links that keep the other search params (e.g. `query`). */
export function Pagination({
  basePath,
  params,
  page,
  maxPage,
  totalCount,
}: {
  basePath: string;
  params: Record<string, string>;
  page: number;
  maxPage: number;
  totalCount: number;
}) {
  const href = (target: number) => {
    const search = new URLSearchParams({ ...params, ...(target > 1 ? { page: String(target) } : {}) });
    const query = search.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
    >
      <p className="muted text-sm">
        Page {page} of {Math.max(1, maxPage)} · {totalCount} total
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={linkClass}>
            <ChevronLeftIcon /> Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            <ChevronLeftIcon /> Previous
          </span>
        )}
        {page < maxPage ? (
          <Link href={href(page + 1)} rel="next" className={linkClass}>
            Next <ChevronRightIcon />
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            Next <ChevronRightIcon />
          </span>
        )}
      </div>
    </nav>
  );
}
