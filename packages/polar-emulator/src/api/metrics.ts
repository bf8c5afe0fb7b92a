// GET /v1/metrics/: periods, totals and metric definitions computed from the
// seeded orders and subscriptions of the organizations the token can read.
import type { models } from "@polar-sh/sdk/2026-10";
import type { Dataset } from "../data/dataset.ts";
import type { SeedOrder, SeedSubscription } from "../data/catalogue.ts";
import { validationError } from "./errors.ts";
import { uuidList } from "./query.ts";

type Interval = "hour" | "day" | "week" | "month" | "year";
type MetricKey = keyof models.MetricsTotals;

const DAY = 86_400_000;
// Longest range per interval. Polar bounds the range per interval too; its exact limits
// were not in the code we read, these are deliberately modest.
const MAX_DAYS: Record<Interval, number> = {
  hour: 7,
  day: 366,
  week: 366 * 4,
  month: 366 * 10,
  year: 366 * 10,
};

const DEFINITIONS: [MetricKey, string, models.MetricType][] = [
  ["revenue", "Revenue", "currency"],
  ["net_revenue", "Net Revenue", "currency"],
  ["cumulative_revenue", "Cumulative Revenue", "currency"],
  ["net_cumulative_revenue", "Net Cumulative Revenue", "currency"],
  ["orders", "Orders", "scalar"],
  ["average_order_value", "Average Order Value", "currency"],
  ["net_average_order_value", "Net Average Order Value", "currency"],
  ["one_time_products", "One-Time Products", "scalar"],
  ["one_time_products_revenue", "One-Time Products Revenue", "currency"],
  ["one_time_products_net_revenue", "One-Time Products Net Revenue", "currency"],
  ["new_subscriptions", "New Subscriptions", "scalar"],
  ["new_subscriptions_revenue", "New Subscriptions Revenue", "currency"],
  ["new_subscriptions_net_revenue", "New Subscriptions Net Revenue", "currency"],
  ["renewed_subscriptions", "Renewed Subscriptions", "scalar"],
  ["renewed_subscriptions_revenue", "Renewed Subscriptions Revenue", "currency"],
  ["renewed_subscriptions_net_revenue", "Renewed Subscriptions Net Revenue", "currency"],
  ["active_subscriptions", "Active Subscriptions", "scalar"],
  ["monthly_recurring_revenue", "Monthly Recurring Revenue", "currency"],
  ["committed_monthly_recurring_revenue", "Committed Monthly Recurring Revenue", "currency"],
  ["canceled_subscriptions", "Canceled Subscriptions", "scalar"],
  ["churned_subscriptions", "Churned Subscriptions", "scalar"],
];
// Values at the end of the range rather than sums over it.
const SNAPSHOTS = new Set<MetricKey>([
  "active_subscriptions",
  "monthly_recurring_revenue",
  "committed_monthly_recurring_revenue",
  "cumulative_revenue",
  "net_cumulative_revenue",
]);

function dateParam(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null) throw validationError(["query", name], "Field required", "missing", null);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== raw) {
    throw validationError(
      ["query", name],
      "Input should be a valid date in the format YYYY-MM-DD",
      "date_from_datetime_parsing",
      raw,
    );
  }
  return time;
}

function truncate(time: number, interval: Interval): number {
  const d = new Date(time);
  switch (interval) {
    case "hour":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case "day":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "week":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "year":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

function next(time: number, interval: Interval): number {
  const d = new Date(time);
  switch (interval) {
    case "hour":
      return time + 3_600_000;
    case "day":
      return time + DAY;
    case "week":
      return time + 7 * DAY;
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case "year":
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
}

const net = (order: SeedOrder) =>
  order.status === "refunded" ? 0 : order.subtotal_amount - (Math.round(order.subtotal_amount * 0.04) + 40);
const sum = (rows: SeedOrder[], value: (order: SeedOrder) => number) =>
  rows.reduce((total, row) => total + value(row), 0);
const monthly = (subscription: SeedSubscription) =>
  subscription.recurring_interval === "year" ? Math.round(subscription.amount / 12) : subscription.amount;

/** A subscription with its timestamps parsed (NaN where it has none). */
interface TimedSubscription {
  subscription: SeedSubscription;
  started: number;
  canceled: number;
  ended: number;
}

const timed = (subscription: SeedSubscription): TimedSubscription => ({
  subscription,
  started: Date.parse(subscription.started_at),
  canceled: subscription.canceled_at ? Date.parse(subscription.canceled_at) : NaN,
  ended: subscription.ended_at ? Date.parse(subscription.ended_at) : NaN,
});

function activeAt({ subscription, started, ended }: TimedSubscription, time: number): boolean {
  if (subscription.status === "trialing") return false;
  return started < time && (Number.isNaN(ended) || ended >= time);
}

/** A metrics query, validated, with the organizations it reads resolved. */
export interface MetricsQuery {
  start: number;
  end: number;
  interval: Interval;
  timezone: string;
  /** The readable organizations, narrowed by `organization_id` when given. */
  organizationIds: string[];
  productIds: string[] | undefined;
  customerIds: string[] | undefined;
  billingTypes: string[] | undefined;
  /** The requested slugs, or undefined for all. */
  metrics: string[] | undefined;
}

/** Parses GET /v1/metrics/'s query as Polar's endpoint validates it (422 otherwise). */
export function parseMetricsQuery(query: URLSearchParams, readableOrganizationIds: string[]): MetricsQuery {
  const start = dateParam(query, "start_date");
  const end = dateParam(query, "end_date");
  const interval = query.get("interval");
  if (interval === null) throw validationError(["query", "interval"], "Field required", "missing", null);
  if (!(interval in MAX_DAYS)) {
    throw validationError(
      ["query", "interval"],
      "Input should be 'year', 'month', 'week', 'day' or 'hour'",
      "enum",
      interval,
    );
  }
  const unit = interval as Interval;
  if (end < start)
    throw validationError(
      ["query", "end_date"],
      "end_date must be after start_date",
      "value_error",
      query.get("end_date"),
    );
  if ((end - start) / DAY > MAX_DAYS[unit]) {
    throw validationError(
      ["query"],
      `The interval ${unit} is limited to ${MAX_DAYS[unit]} days.`,
      "value_error",
      null,
    );
  }
  const requested = query.getAll("metrics");
  const known = new Set<string>(DEFINITIONS.map(([key]) => key));
  for (const metric of requested) {
    if (!known.has(metric))
      throw validationError(["query", "metrics", 0], `Unknown metric: ${metric}`, "enum", metric);
  }
  const orgFilter = uuidList(query, "organization_id");
  const billingTypes = query.getAll("billing_type");
  return {
    start,
    end,
    interval: unit,
    timezone: query.get("timezone") ?? "UTC",
    organizationIds: orgFilter
      ? orgFilter.filter((id) => readableOrganizationIds.includes(id))
      : readableOrganizationIds,
    productIds: uuidList(query, "product_id"),
    customerIds: uuidList(query, "customer_id"),
    billingTypes: billingTypes.length ? billingTypes : undefined,
    metrics: requested.length ? requested : undefined,
  };
}

/**
 * Polar's metrics cache key (metrics/cache.py `build_cache_key`): the query and
 * the organizations it resolved to, lists sorted; not the token or the user, so
 * two tokens reading the same organizations share an answer.
 */
export function metricsCacheKey(query: MetricsQuery): string {
  const sorted = (values: string[] | undefined) => (values ? [...values].sort() : null);
  return JSON.stringify({
    start_date: new Date(query.start).toISOString().slice(0, 10),
    end_date: new Date(query.end).toISOString().slice(0, 10),
    timezone: query.timezone,
    interval: query.interval,
    organization_ids: [...query.organizationIds].sort(),
    product_ids: sorted(query.productIds),
    customer_ids: sorted(query.customerIds),
    billing_type: sorted(query.billingTypes),
    metrics: sorted(query.metrics),
  });
}

export function computeMetrics(
  {
    start,
    end,
    interval: unit,
    organizationIds,
    productIds: productFilter,
    customerIds: customerFilter,
    metrics: requested,
  }: MetricsQuery,
  { orders, subscriptions }: Dataset,
): models.MetricsResponse {
  const selected = DEFINITIONS.filter(([key]) => !requested || requested.includes(key));

  const orgs = new Set(organizationIds);
  /** Whether an order or subscription is among the ones the query asks about. */
  const inScope = (row: { organization_id: string; product_id: string; customer_id: string }) =>
    orgs.has(row.organization_id) &&
    (!productFilter || productFilter.includes(row.product_id)) &&
    (!customerFilter || customerFilter.includes(row.customer_id));
  // Timestamps are parsed once, not once per period: the emulator answers its
  // calls one at a time, so a slow one would hold back every other call of a page.
  const scopedOrders = orders
    .filter(inScope)
    .map((order) => ({ order, created: Date.parse(order.created_at) }));
  const scopedSubscriptions = subscriptions.filter(inScope).map(timed);

  const rows: { timestamp: string; values: Record<MetricKey, number> }[] = [];
  let cumulative = 0;
  let netCumulative = 0;
  const rangeEnd = end + DAY;
  for (let from = truncate(start, unit); from < rangeEnd; from = next(from, unit)) {
    const to = next(from, unit);
    const inPeriod = scopedOrders
      .filter(({ created }) => created >= from && created < to)
      .map(({ order }) => order);
    const purchases = inPeriod.filter((order) => order.billing_reason === "purchase");
    const creates = inPeriod.filter((order) => order.billing_reason === "subscription_create");
    const renewals = inPeriod.filter((order) => order.billing_reason === "subscription_cycle");
    const revenue = sum(inPeriod, (order) => order.subtotal_amount);
    const netRevenue = sum(inPeriod, net);
    cumulative += revenue;
    netCumulative += netRevenue;
    const active = scopedSubscriptions.filter((subscription) =>
      activeAt(subscription, Math.min(to, Date.now())),
    );
    const values: Record<MetricKey, number> = {
      revenue,
      net_revenue: netRevenue,
      cumulative_revenue: cumulative,
      net_cumulative_revenue: netCumulative,
      orders: inPeriod.length,
      average_order_value: inPeriod.length ? Math.round(revenue / inPeriod.length) : 0,
      net_average_order_value: inPeriod.length ? Math.round(netRevenue / inPeriod.length) : 0,
      one_time_products: purchases.length,
      one_time_products_revenue: sum(purchases, (order) => order.subtotal_amount),
      one_time_products_net_revenue: sum(purchases, net),
      new_subscriptions: creates.length,
      new_subscriptions_revenue: sum(creates, (order) => order.subtotal_amount),
      new_subscriptions_net_revenue: sum(creates, net),
      renewed_subscriptions: renewals.length,
      renewed_subscriptions_revenue: sum(renewals, (order) => order.subtotal_amount),
      renewed_subscriptions_net_revenue: sum(renewals, net),
      active_subscriptions: active.length,
      monthly_recurring_revenue: active.reduce((total, { subscription }) => total + monthly(subscription), 0),
      committed_monthly_recurring_revenue: active
        .filter(({ subscription }) => !subscription.cancel_at_period_end)
        .reduce((total, { subscription }) => total + monthly(subscription), 0),
      canceled_subscriptions: scopedSubscriptions.filter(({ canceled }) => canceled >= from && canceled < to)
        .length,
      churned_subscriptions: scopedSubscriptions.filter(({ ended }) => ended >= from && ended < to).length,
    } as Record<MetricKey, number>;
    rows.push({ timestamp: new Date(from).toISOString().replace(/\.\d{3}Z$/, "Z"), values });
  }

  const last = rows[rows.length - 1]?.values;
  const total = (key: MetricKey) =>
    SNAPSHOTS.has(key) ? (last?.[key] ?? 0) : rows.reduce((sum, row) => sum + row.values[key], 0);
  const average = (amount: MetricKey) => (total("orders") ? Math.round(total(amount) / total("orders")) : 0);

  const periods: models.MetricPeriod[] = rows.map((row) => {
    const period: models.MetricPeriod = { timestamp: row.timestamp };
    for (const [key] of selected) period[key] = row.values[key];
    return period;
  });
  const totals: models.MetricsTotals = {};
  const metrics: models.Metrics = {};
  for (const [key, display_name, type] of selected) {
    totals[key] =
      key === "average_order_value"
        ? average("revenue")
        : key === "net_average_order_value"
          ? average("net_revenue")
          : total(key);
    metrics[key] = { slug: key, display_name, type };
  }
  return { periods, totals, metrics };
}
