import { Pagination } from "@/components/pagination";
import { PolarProblemNotice } from "@/components/polar-problem";
import type { ListPage } from "@/lib/dashboard/list-page";
import type { Read } from "@/lib/dashboard/organization-read";
import { ReadTime } from "@/components/read-time";

/** One page of a Polar list: the problem if it failed, `empty` if it has no rows, else the rows and when they were read. */
export function ListResult<Row>({
  result,
  subject,
  retryHref,
  empty,
  pagination,
  children,
}: {
  result: Read<ListPage<Row>>;
  subject: string;
  retryHref: string;
  empty: React.ReactNode;
  /** Present on a full list page: where its pages live, the search params to keep, and the page shown. */
  pagination?: { basePath: string; params: Record<string, string>; page: number };
  children: (items: Row[]) => React.ReactNode;
}) {
  if (!result.ok)
    return <PolarProblemNotice problem={result.problem} subject={subject} retryHref={retryHref} />;
  const { items, maxPage, totalCount } = result.data;
  const readTime = <ReadTime readAt={result.readAt} stale={result.stale} updating={result.updating} />;
  if (items.length === 0 && (!pagination || pagination.page === 1)) {
    return (
      <>
        {empty}
        {readTime}
      </>
    );
  }
  return (
    <div>
      {items.length > 0 ? children(items) : empty}
      {pagination && (
        <div className="mt-4">
          <Pagination {...pagination} maxPage={maxPage} totalCount={totalCount} />
        </div>
      )}
      {readTime}
    </div>
  );
}
