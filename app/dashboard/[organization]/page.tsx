import { Suspense } from "react";
import { ListSkeleton, MetricsSkeleton } from "@/components/skeletons";
import { Panel, ViewAllLink } from "@/components/panel";
import { PeriodPicker } from "@/components/period-picker";
import { PANEL_SIZE } from "@/lib/dashboard/list-page";
import { PERIODS } from "@/lib/polar/periods";
import { overviewSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";
import { Customers } from "./_components/customers";
import { GettingStarted } from "./_components/getting-started";
import { Metrics } from "./_components/metrics";
import { Orders } from "./_components/orders";
import { OrganizationTabs } from "./_components/organization-tabs";
import { Products } from "./_components/products";
import { Subscriptions } from "./_components/subscriptions";

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
  const [{ organization: slug }, search] = await Promise.all([params, searchParams]);
  const { period } = parseSearchParams(overviewSearch, search);
  const base = `/dashboard/${slug}`;
  const list = { slug, page: 1, limit: PANEL_SIZE, query: "", retryHref: `${base}?period=${period}` };

  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} current="overview" search={`period=${period}`} />
      <Suspense fallback={null}>
        <GettingStarted slug={slug} />
      </Suspense>
      <Panel
        id="metrics"
        title="Performance"
        description={`Last ${PERIODS[period].label}`}
        action={<PeriodPicker basePath={base} current={period} />}
      >
        <Suspense key={period} fallback={<MetricsSkeleton />}>
          <Metrics slug={slug} period={period} />
        </Suspense>
      </Panel>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          id="orders"
          title="Recent orders"
          action={<ViewAllLink href={`${base}/orders`} label="View all orders" />}
        >
          <Suspense fallback={<ListSkeleton label="orders" />}>
            <Orders {...list} />
          </Suspense>
        </Panel>
        <Panel
          id="subscriptions"
          title="Subscriptions"
          action={<ViewAllLink href={`${base}/subscriptions`} label="View all subscriptions" />}
        >
          <Suspense fallback={<ListSkeleton label="subscriptions" />}>
            <Subscriptions {...list} />
          </Suspense>
        </Panel>
        <Panel
          id="products"
          title="Products"
          action={<ViewAllLink href={`${base}/products`} label="View all products" />}
        >
          <Suspense fallback={<ListSkeleton label="products" />}>
            <Products {...list} />
          </Suspense>
        </Panel>
        <Panel
          id="customers"
          title="Newest customers"
          action={<ViewAllLink href={`${base}/customers`} label="View all customers" />}
        >
          <Suspense fallback={<ListSkeleton label="customers" />}>
            <Customers {...list} />
          </Suspense>
        </Panel>
      </div>
    </div>
  );
}
