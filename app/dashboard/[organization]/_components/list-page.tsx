import { Suspense } from "react";
import { Panel } from "@/components/panel";
import { SearchForm } from "@/components/search-form";
import { ListSkeleton } from "@/components/skeletons";
import { OrganizationTabs } from "@/components/organization/organization-tabs";
import type { ProductList } from "@/components/organization/resource-lists";
import { PAGE_SIZE } from "@/lib/polar/organization-data";
import { currentUser } from "@/lib/auth/current-user";
import { listSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";

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
  List: typeof ProductList;
}) {
  const [{ organization: slug }, search, user] = await Promise.all([params, searchParams, currentUser()]);
  const { page, query: searched } = parseSearchParams(listSearch, search);
  const query = searchLabel ? searched : "";
  const path = `/dashboard/${slug}/${tab}`;
  const retry = new URLSearchParams({ ...(query ? { query } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString();

  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} current={tab} />
      <Panel
        id={tab}
        title={title}
        description={description}
        action={searchLabel && <SearchForm action={path} query={query} label={searchLabel} />}
      >
        <Suspense key={`${page}:${query}`} fallback={<ListSkeleton rows={8} label={tab} />}>
          <List
            userId={user.id}
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
