import { Suspense } from "react";
import { ListSkeleton, MetricsSkeleton } from "@/components/skeletons";
import { Panel, ViewAllLink } from "@/components/panel";
import { PeriodPicker } from "@/components/period-picker";
import { GettingStarted } from "@/components/organization/getting-started";
import { MetricsOverview } from "@/components/organization/metrics-overview";
import { OrganizationTabs } from "@/components/organization/organization-tabs";
import { CustomerList, OrderList, ProductList, SubscriptionList } from "@/components/organization/resource-lists";
import { PANEL_SIZE } from "@/lib/polar/organization-data";
import { PERIODS } from "@/lib/polar/periods";
import { currentUser } from "@/lib/auth/current-user";
import { overviewSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Overview" };

// Every panel streams on its own: the page itself awaits no Polar call, so all
// of them start at once and the slowest one alone sets the full render time.
export default async function OverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ organization: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ organization: slug }, search, user] = await Promise.all([params, searchParams, currentUser()]);
  const { period } = parseSearchParams(overviewSearch, search);
  const base = `/dashboard/${slug}`;
  const retryHref = `${base}?period=${period}`;
  const list = { userId: user.id, slug, page: 1, limit: PANEL_SIZE, query: "", retryHref };

  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} current="overview" />
      <Suspense fallback={null}>
        <GettingStarted userId={user.id} slug={slug} />
      </Suspense>
      <Panel
        id="metrics"
        title="Performance"
        description={`Last ${PERIODS[period].label}`}
        action={<PeriodPicker basePath={base} current={period} />}
      >
        <Suspense key={period} fallback={<MetricsSkeleton />}>
          <MetricsOverview userId={user.id} slug={slug} period={period} />
        </Suspense>
      </Panel>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="orders" title="Recent orders" action={<ViewAllLink href={`${base}/orders`} label="View all orders" />}>
          <Suspense fallback={<ListSkeleton label="orders" />}>
            <OrderList {...list} />
          </Suspense>
        </Panel>
        <Panel id="subscriptions" title="Subscriptions" action={<ViewAllLink href={`${base}/subscriptions`} label="View all subscriptions" />}>
          <Suspense fallback={<ListSkeleton label="subscriptions" />}>
            <SubscriptionList {...list} />
          </Suspense>
        </Panel>
        <Panel id="products" title="Products" action={<ViewAllLink href={`${base}/products`} label="View all products" />}>
          <Suspense fallback={<ListSkeleton label="products" />}>
            <ProductList {...list} />
          </Suspense>
        </Panel>
        <Panel id="customers" title="Newest customers" action={<ViewAllLink href={`${base}/customers`} label="View all customers" />}>
          <Suspense fallback={<ListSkeleton label="customers" />}>
            <CustomerList {...list} />
          </Suspense>
        </Panel>
      </div>
    </div>
  );
}
