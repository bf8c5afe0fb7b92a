import { Suspense } from "react";
import { Panel } from "@/components/panel";
import { SearchForm } from "@/components/search-form";
import { ListSkeleton } from "@/components/skeletons";
import { PAGE_SIZE } from "@/lib/dashboard/list-page";
import { listSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";
import type { ListProps } from "./list-props";
import { OrganizationTabs } from "./organization-tabs";

export interface ListRouteProps {
  params: Promise<{ organization: string }>;
  searchParams: Promise<SearchParams>;
}

/**
 * A full, paginated Polar list (`?page=`), searchable (`?query=`) when Polar
 * supports search for it. The routes under [organization] only pick the list.
 */
export async function ListPage({
  params,
  searchParams,
  tab,
  title,
  description,
  searchLabel,
  List,
}: ListRouteProps & {
  tab: "products" | "orders" | "customers" | "subscriptions";
  title: string;
  description: string;
  searchLabel?: string;
  List: (props: ListProps) => Promise<React.ReactNode>;
}) {
  const [{ organization: slug }, search] = await Promise.all([params, searchParams]);
  const { page, query: searched } = parseSearchParams(listSearch, search);
  const query = searchLabel ? searched : "";
  const path = `/dashboard/${slug}/${tab}`;
  const retry = new URLSearchParams({
    ...(query ? { query } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  }).toString();

  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} current={tab} search={retry} />
      <Panel
        id={tab}
        title={title}
        description={description}
        action={searchLabel && <SearchForm action={path} query={query} label={searchLabel} />}
      >
        <Suspense key={`${page}:${query}`} fallback={<ListSkeleton rows={8} label={tab} />}>
          <List
            slug={slug}
            page={page}
            limit={PAGE_SIZE}
            query={query}
            paginate
            retryHref={retry ? `${path}?${retry}` : path}
          />
        </Suspense>
      </Panel>
    </div>
  );
}
