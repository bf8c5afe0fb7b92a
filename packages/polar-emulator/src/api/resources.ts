// The read endpoints of Polar's API that the starter uses, with Polar's
// required scopes (any one of them) as documented on each SDK method, and the
// role permission each list service filters by (product/service.py `list`:
// products:read; customer: customers:read; order and subscription:
// sales:read; metrics: analytics:read).
import type { models } from "@polar-sh/sdk/2026-10";
import { userInfo } from "../claims.ts";
import type { Dataset } from "../data/dataset.ts";
import type { ApiAuth } from "./auth.ts";
import { notFound } from "./errors.ts";
import { financeAndMemberResources } from "./finance-and-members.ts";
import { computeMetrics, metricsCacheKey, metricsLimits, parseMetricsQuery } from "./metrics.ts";
import { booleanParam, matches, paginate, uuidList } from "./query.ts";
import type { Resource } from "./resource.ts";
import {
  serializeCustomer,
  serializeOrder,
  serializeOrganization,
  serializeProduct,
  serializeSubscription,
} from "./serializers.ts";

function readable<T extends { organization_id: string }>(
  auth: ApiAuth,
  query: URLSearchParams,
  rows: T[],
): T[] {
  const requested = uuidList(query, "organization_id");
  return rows.filter(
    (row) =>
      auth.organizationIds.includes(row.organization_id) &&
      (!requested || requested.includes(row.organization_id)),
  );
}

function byId<T extends { id: string; organization_id: string }>(
  auth: ApiAuth,
  rows: T[],
  id: string | undefined,
): T {
  const row = rows.find((candidate) => candidate.id === id);
  // Polar filters by what the subject may read: someone else's object is simply not found.
  if (!row || !auth.organizationIds.includes(row.organization_id)) throw notFound();
  return row;
}

const priceAmount = (product: Dataset["products"][number]) => product.prices[0]?.price_amount ?? 0;

export const resources: Resource[] = [
  {
    method: "GET",
    pattern: /^\/v1\/organizations\/?$/,
    scopes: ["organizations:read", "organizations:write"],
    handle: (auth, query, _params, { organizations }, state) => {
      const slug = query.get("slug");
      const rows = organizations
        .filter((org) => auth.organizationIds.includes(org.id) && (!slug || org.slug === slug))
        .map((org) => ({ ...org, organization_id: org.id }));
      const page = paginate(
        query,
        rows,
        { created_at: (o) => o.created_at, slug: (o) => o.slug, name: (o) => o.name },
        "created_at",
      );
      return {
        ...page,
        items: page.items.map((org) => serializeOrganization(org, state.ssoEnforced.has(org.id))),
      } satisfies models.ListResourceOrganization;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/organizations\/([^/]+)$/,
    scopes: ["organizations:read", "organizations:write"],
    handle: (auth, _query, [id], data, state) => {
      const org = id ? data.findOrganization(id) : undefined;
      if (!org || !auth.organizationIds.includes(org.id)) throw notFound();
      return serializeOrganization(org, state.ssoEnforced.has(org.id));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/products\/?$/,
    permission: "products:read",
    scopes: ["products:read", "products:write"],
    handle: (auth, query, _params, { products }) => {
      const search = query.get("query");
      const archived = booleanParam(query, "is_archived");
      const recurring = booleanParam(query, "is_recurring");
      const ids = uuidList(query, "id");
      const visibility = query.getAll("visibility");
      const rows = readable(auth, query, products).filter(
        (product) =>
          matches(product.name, search) &&
          (archived === undefined || product.is_archived === archived) &&
          (recurring === undefined || (product.recurring_interval !== null) === recurring) &&
          (!ids || ids.includes(product.id)) &&
          (visibility.length === 0 || visibility.includes(product.visibility)),
      );
      const page = paginate(
        query,
        rows,
        {
          created_at: (p) => p.created_at,
          name: (p) => p.name.toLowerCase(),
          price_amount_type: (p) => p.prices[0]?.amount_type ?? "",
          price_amount: priceAmount,
        },
        "-created_at",
      );
      return { ...page, items: page.items.map(serializeProduct) } satisfies models.ListResourceProduct;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/products\/([^/]+)$/,
    permission: "products:read",
    scopes: ["products:read", "products:write"],
    handle: (auth, _query, [id], { products }) => serializeProduct(byId(auth, products, id)),
  },
  {
    method: "GET",
    pattern: /^\/v1\/customers\/?$/,
    permission: "customers:read",
    scopes: ["customers:read", "customers:write"],
    handle: (auth, query, _params, { customers }) => {
      const search = query.get("query");
      const email = query.get("email");
      const rows = readable(auth, query, customers).filter(
        (customer) =>
          (!email || customer.email.toLowerCase() === email.toLowerCase()) &&
          (matches(customer.email, search) ||
            matches(customer.name, search) ||
            matches(customer.external_id, search)),
      );
      const page = paginate(
        query,
        rows,
        { created_at: (c) => c.created_at, email: (c) => c.email, name: (c) => c.name.toLowerCase() },
        "-created_at",
      );
      return { ...page, items: page.items.map(serializeCustomer) } satisfies models.ListResourceCustomer;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    permission: "customers:read",
    scopes: ["customers:read", "customers:write"],
    handle: (auth, _query, [id], { customers }) => serializeCustomer(byId(auth, customers, id)),
  },
  {
    method: "GET",
    pattern: /^\/v1\/orders\/?$/,
    permission: "sales:read",
    scopes: ["orders:read"],
    handle: (auth, query, _params, data) => {
      const productIds = uuidList(query, "product_id");
      const customerIds = uuidList(query, "customer_id");
      const subscriptionIds = uuidList(query, "subscription_id");
      const billingReasons = query.getAll("product_billing_type");
      const statuses = query.getAll("status");
      const rows = readable(auth, query, data.orders).filter(
        (order) =>
          (!productIds || productIds.includes(order.product_id)) &&
          (!customerIds || customerIds.includes(order.customer_id)) &&
          (!subscriptionIds ||
            (order.subscription_id !== null && subscriptionIds.includes(order.subscription_id))) &&
          (statuses.length === 0 || statuses.includes(order.status)) &&
          (billingReasons.length === 0 ||
            billingReasons.includes(order.subscription_id ? "recurring" : "one_time")),
      );
      const page = paginate(
        query,
        rows,
        {
          created_at: (o) => o.created_at,
          status: (o) => o.status,
          invoice_number: (o) => o.invoice_number,
          amount: (o) => o.subtotal_amount,
          net_amount: (o) => o.subtotal_amount,
        },
        "-created_at",
      );
      return {
        ...page,
        items: page.items.map((order) => serializeOrder(order, data)),
      } satisfies models.ListResourceOrder;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/orders\/([^/]+)$/,
    permission: "sales:read",
    scopes: ["orders:read"],
    handle: (auth, _query, [id], data) => serializeOrder(byId(auth, data.orders, id), data),
  },
  {
    method: "GET",
    pattern: /^\/v1\/subscriptions\/?$/,
    permission: "sales:read",
    scopes: ["subscriptions:read", "subscriptions:write"],
    handle: (auth, query, _params, data) => {
      const productIds = uuidList(query, "product_id");
      const customerIds = uuidList(query, "customer_id");
      const active = booleanParam(query, "active");
      const statuses = query.getAll("status");
      const cancelAtPeriodEnd = booleanParam(query, "cancel_at_period_end");
      const rows = readable(auth, query, data.subscriptions).filter(
        (subscription) =>
          (!productIds || productIds.includes(subscription.product_id)) &&
          (!customerIds || customerIds.includes(subscription.customer_id)) &&
          (active === undefined || (subscription.status !== "canceled") === active) &&
          (statuses.length === 0 || statuses.includes(subscription.status)) &&
          (cancelAtPeriodEnd === undefined || subscription.cancel_at_period_end === cancelAtPeriodEnd),
      );
      const page = paginate(
        query,
        rows,
        {
          started_at: (s) => s.started_at,
          current_period_end: (s) => s.current_period_end,
          status: (s) => s.status,
          amount: (s) => s.amount,
          customer: (s) => data.findCustomer(s.customer_id)?.email ?? "",
          product: (s) => data.findProduct(s.product_id)?.name ?? "",
        },
        "-started_at",
      );
      return {
        ...page,
        items: page.items.map((subscription) => serializeSubscription(subscription, data)),
      } satisfies models.ListResourceSubscription;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/subscriptions\/([^/]+)$/,
    permission: "sales:read",
    scopes: ["subscriptions:read", "subscriptions:write"],
    handle: (auth, _query, [id], data) => serializeSubscription(byId(auth, data.subscriptions, id), data),
  },
  {
    method: "GET",
    pattern: /^\/v1\/metrics\/?$/,
    permission: "analytics:read",
    scopes: ["metrics:read"],
    handle: (auth, query, _params, data) =>
      computeMetrics(parseMetricsQuery(query, auth.organizationIds), data),
    cacheKey: (auth, query) => metricsCacheKey(parseMetricsQuery(query, auth.organizationIds)),
  },
  {
    method: "GET",
    pattern: /^\/v1\/metrics\/limits$/,
    scopes: ["metrics:read"],
    handle: () => metricsLimits() satisfies models.MetricsLimits,
  },
  ...financeAndMemberResources,
  {
    method: "GET|POST",
    pattern: /^\/v1\/oauth2\/userinfo$/,
    scopes: [],
    handle: (auth, _query, _params, data) => userInfo(data, auth.subject, auth.scopes),
  },
];
