import { customerList, orderList, productList, subscriptionList } from "@/lib/polar/organization-data";
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

function paging({ slug, page, query, paginate }: ListProps, list: string) {
  if (!paginate) return undefined;
  const params: Record<string, string> = query ? { query } : {};
  return { basePath: `/dashboard/${slug}/${list}`, params, page };
}

function noMatch(query: string | undefined, subject: string) {
  return query ? <EmptyState title={`No ${subject} match “${query}”`}>Try a shorter or different search.</EmptyState> : null;
}

export async function ProductList(props: ListProps) {
  const { userId, slug, page, limit, query } = props;
  const result = await productList(userId, slug, page, limit, query);
  return (
    <ListBody
      result={result}
      subject="products"
      retryHref={props.retryHref}
      pagination={paging(props, "products")}
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
  const result = await orderList(userId, slug, page, limit);
  return (
    <ListBody
      result={result}
      subject="orders"
      retryHref={props.retryHref}
      pagination={paging(props, "orders")}
      empty={<EmptyState title="No orders yet">Orders show up here as soon as someone buys through a Polar checkout.</EmptyState>}
    >
      {(items) => <OrdersTable orders={items} slug={slug} />}
    </ListBody>
  );
}

export async function CustomerList(props: ListProps) {
  const { userId, slug, page, limit, query } = props;
  const result = await customerList(userId, slug, page, limit, query);
  return (
    <ListBody
      result={result}
      subject="customers"
      retryHref={props.retryHref}
      pagination={paging(props, "customers")}
      empty={noMatch(query, "customers") ?? <EmptyState title="No customers yet">Everyone who checks out becomes a customer.</EmptyState>}
    >
      {(items) => <CustomersTable customers={items} slug={slug} />}
    </ListBody>
  );
}

export async function SubscriptionList(props: ListProps) {
  const { userId, slug, page, limit } = props;
  const result = await subscriptionList(userId, slug, page, limit);
  return (
    <ListBody
      result={result}
      subject="subscriptions"
      retryHref={props.retryHref}
      pagination={paging(props, "subscriptions")}
      empty={<EmptyState title="No subscriptions yet">Subscriptions start when a customer buys a recurring product.</EmptyState>}
    >
      {(items) => <SubscriptionsTable subscriptions={items} slug={slug} />}
    </ListBody>
  );
}
