import { customerList, orderList, productList, subscriptionList } from "@/lib/polar/organization-data";
import type { Loaded } from "@/lib/polar/errors";
import { EmptyState } from "../empty-state";
import { PolarLink } from "../external-link";
import { CustomersTable } from "../lists/customers-table";
import { OrdersTable } from "../lists/orders-table";
import { ProductsTable } from "../lists/products-table";
import { SubscriptionsTable } from "../lists/subscriptions-table";
import { ListBody } from "./list-body";

/**
 * The organization's Polar lists, each an async server component that fetches
 * its own page; wrap each in <Suspense>. With `paginate`, a full list page
 * (its path is /dashboard/<slug>/<list>), else an overview panel.
 */
interface ListProps {
  userId: string;
  slug: string;
  page: number;
  limit: number;
  /** Search text, "" for none (lists Polar cannot search ignore it). */
  query: string;
  paginate?: boolean;
  retryHref: string;
}

/**
 * Loads `page`, or the last page when `page` is past the end (a stale link or
 * a hand-edited ?page=), so every page number shows rows if the list has any.
 */
async function pageWithinList<T extends { pagination: { max_page: number } }>(
  load: (page: number) => Promise<Loaded<T>>,
  page: number,
) {
  const result = await load(page);
  const last = result.ok ? Math.max(1, result.data.pagination.max_page) : page;
  return page > last ? { result: await load(last), page: last } : { result, page };
}

function paging({ slug, query, paginate }: ListProps, list: string, page: number) {
  if (!paginate) return undefined;
  const params: Record<string, string> = query ? { query } : {};
  return { basePath: `/dashboard/${slug}/${list}`, params, page };
}

function noMatch(query: string | undefined, subject: string) {
  return query ? <EmptyState title={`No ${subject} match “${query}”`}>Try a shorter or different search.</EmptyState> : null;
}

export async function ProductList(props: ListProps) {
  const { userId, slug, page, limit, query } = props;
  const { result, page: shown } = await pageWithinList((p) => productList(userId, slug, p, limit, query), page);
  return (
    <ListBody
      result={result}
      subject="products"
      retryHref={props.retryHref}
      pagination={paging(props, "products", shown)}
      empty={
        noMatch(query, "products") ?? (
          <EmptyState title="No products yet">
            Products are what customers buy: one-time or subscriptions.{" "}
            <PolarLink slug={slug} path="/products/new" label="Create a product in Polar">
              Create one in Polar
            </PolarLink>
          </EmptyState>
        )
      }
    >
      {(items) => <ProductsTable products={items} slug={slug} />}
    </ListBody>
  );
}

export async function OrderList(props: ListProps) {
  const { userId, slug, page, limit } = props;
  const { result, page: shown } = await pageWithinList((p) => orderList(userId, slug, p, limit), page);
  return (
    <ListBody
      result={result}
      subject="orders"
      retryHref={props.retryHref}
      pagination={paging(props, "orders", shown)}
      empty={<EmptyState title="No orders yet">Orders show up here as soon as someone buys through a Polar checkout.</EmptyState>}
    >
      {(items) => <OrdersTable orders={items} slug={slug} />}
    </ListBody>
  );
}

export async function CustomerList(props: ListProps) {
  const { userId, slug, page, limit, query } = props;
  const { result, page: shown } = await pageWithinList((p) => customerList(userId, slug, p, limit, query), page);
  return (
    <ListBody
      result={result}
      subject="customers"
      retryHref={props.retryHref}
      pagination={paging(props, "customers", shown)}
      empty={noMatch(query, "customers") ?? <EmptyState title="No customers yet">Everyone who checks out becomes a customer.</EmptyState>}
    >
      {(items) => <CustomersTable customers={items} slug={slug} />}
    </ListBody>
  );
}

export async function SubscriptionList(props: ListProps) {
  const { userId, slug, page, limit } = props;
  const { result, page: shown } = await pageWithinList((p) => subscriptionList(userId, slug, p, limit), page);
  return (
    <ListBody
      result={result}
      subject="subscriptions"
      retryHref={props.retryHref}
      pagination={paging(props, "subscriptions", shown)}
      empty={<EmptyState title="No subscriptions yet">Subscriptions start when a customer buys a recurring product.</EmptyState>}
    >
      {(items) => <SubscriptionsTable subscriptions={items} slug={slug} />}
    </ListBody>
  );
}
