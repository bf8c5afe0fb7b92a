import type { Loaded } from "@/lib/polar/errors";
import { Pagination } from "../pagination";
import { PolarProblemNotice } from "../polar-problem";

interface Page<T> {
  items: T[];
  pagination: { total_count: number; max_page: number };
}

/** One page of a Polar list: the problem if it failed, `empty` if it has no rows, else the rows. */
export function ListBody<T>({
  result,
  subject,
  retryHref,
  empty,
  pagination,
  children,
}: {
  result: Loaded<Page<T>>;
  subject: string;
  retryHref: string;
  empty: React.ReactNode;
  pagination?: { basePath: string; params: Record<string, string>; page: number };
  children: (items: T[]) => React.ReactNode;
}) {
  if (!result.ok) return <PolarProblemNotice problem={result.problem} subject={subject} retryHref={retryHref} />;
  const { items, pagination: meta } = result.data;
  if (items.length === 0 && (!pagination || pagination.page === 1)) return empty;
  return (
    <div className="space-y-4">
      {items.length > 0 ? children(items) : empty}
      {pagination && <Pagination {...pagination} maxPage={meta.max_page} totalCount={meta.total_count} />}
    </div>
  );
}
