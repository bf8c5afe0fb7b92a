// GET /v1/metrics/: the query validated as Polar's endpoint does
// (metrics/endpoints.py, kit/time_queries.py), then periods, totals and
// definitions of Polar's 55 metrics (metric-definitions.ts) computed from the
// seeded orders and subscriptions of the organizations the token can read.
// The seed has no checkouts, seats, costs or events: those metrics are zero.
import type { models } from "@polar-sh/sdk/2026-10";
import type { Dataset } from "../data/dataset.ts";
import type { SeedOrder, SeedSubscription } from "../data/catalogue.ts";
import { validationError } from "./errors.ts";
import { METRICS, totalOf, type PeriodValues } from "./metric-definitions.ts";
import { uuidList } from "./query.ts";

type Interval = "hour" | "day" | "week" | "month" | "year";

const DAY = 86_400_000;
// kit/time_queries.py MAX_INTERVAL_DAYS: the longest range, in days, per interval.
const MAX_DAYS: Record<Interval, number> = {
  hour: 7,
  day: 366,
  week: 7 * 53,
  month: 365 * 4,
  year: 365 * 10,
};
// MIN_INTERVAL_DAYS: shown by /v1/metrics/limits, not enforced.
const MIN_DAYS: Record<Interval, number> = { hour: 0, day: 0, week: 14, month: 60, year: 366 };
const BILLING_TYPES = ["one_time", "recurring"];
const SLUGS = new Set<string>(METRICS.map((metric) => metric.slug));

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

/** GET /v1/metrics/limits (metrics/endpoints.py `limits`): the intervals in TimeInterval's order. */
export function metricsLimits(): models.MetricsLimits {
  const limit = (interval: Interval) => ({ min_days: MIN_DAYS[interval], max_days: MAX_DAYS[interval] });
  return {
    min_date: "2023-01-01",
    intervals: {
      year: limit("year"),
      month: limit("month"),
      week: limit("week"),
      day: limit("day"),
      hour: limit("hour"),
    },
  };
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
  if (!Object.hasOwn(MAX_DAYS, interval)) {
    throw validationError(
      ["query", "interval"],
      "Input should be 'year', 'month', 'week', 'day' or 'hour'",
      "enum",
      interval,
    );
  }
  const unit = interval as Interval;
  const orgFilter = uuidList(query, "organization_id");
  const productIds = uuidList(query, "product_id");
  const customerIds = uuidList(query, "customer_id");
  const billingTypes = query.getAll("billing_type");
  billingTypes.forEach((type, i) => {
    if (!BILLING_TYPES.includes(type))
      throw validationError(
        ["query", "billing_type", i],
        "Input should be 'one_time' or 'recurring'",
        "enum",
        type,
      );
  });
  // The endpoint's own checks, PolarRequestValidationError: metric slugs, then the range.
  const requested = query.getAll("metrics");
  const invalid = [...new Set(requested.filter((slug) => !SLUGS.has(slug)))].sort();
  if (invalid.length > 0) {
    throw validationError(
      ["query", "metrics"],
      `Invalid metric slugs: ${invalid.join(", ")}`,
      "value_error",
      requested,
      "PolarRequestValidationError",
    );
  }
  // is_under_limits: the start not after the end, and at most MAX_DAYS apart.
  if (start > end || (end - start) / DAY > MAX_DAYS[unit]) {
    throw validationError(
      ["query"],
      "The interval is too small for the given date range. Use a larger interval or reduce the date range.",
      "value_error",
      [query.get("start_date"), query.get("end_date"), unit],
      "PolarRequestValidationError",
    );
  }
  return {
    start,
    end,
    interval: unit,
    timezone: query.get("timezone") ?? "UTC",
    organizationIds: orgFilter
      ? orgFilter.filter((id) => readableOrganizationIds.includes(id))
      : readableOrganizationIds,
    productIds,
    customerIds,
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

const net = (order: SeedOrder) =>
  order.status === "refunded" ? 0 : order.subtotal_amount - (Math.round(order.subtotal_amount * 0.04) + 40);
const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
const monthly = (subscription: SeedSubscription) =>
  subscription.recurring_interval === "year" ? Math.round(subscription.amount / 12) : subscription.amount;
const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : 0);

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

const activeAt = ({ started, ended }: TimedSubscription, time: number) =>
  started < time && (Number.isNaN(ended) || ended >= time);

/** Every metric's value for one period, from the orders placed in it and the subscriptions alive at its end. */
function periodValues(
  inPeriod: SeedOrder[],
  subscriptions: TimedSubscription[],
  from: number,
  to: number,
  cumulative: { revenue: number; net: number },
): PeriodValues {
  const purchases = inPeriod.filter((order) => order.billing_reason === "purchase");
  const creates = inPeriod.filter((order) => order.billing_reason === "subscription_create");
  const renewals = inPeriod.filter((order) => order.billing_reason === "subscription_cycle");
  const revenue = sum(inPeriod, (order) => order.subtotal_amount);
  const netRevenue = sum(inPeriod, net);
  cumulative.revenue += revenue;
  cumulative.net += netRevenue;

  const at = Math.min(to, Date.now());
  const alive = subscriptions.filter((subscription) => activeAt(subscription, at));
  const trialing = alive.filter(({ subscription }) => subscription.status === "trialing");
  const paying = alive.filter(({ subscription }) => subscription.status !== "trialing");
  const committed = (rows: TimedSubscription[]) =>
    rows.filter(({ subscription }) => !subscription.cancel_at_period_end);
  const mrrOf = (rows: TimedSubscription[]) => sum(rows, ({ subscription }) => monthly(subscription));
  const mrr = mrrOf(paying);
  const payingCustomers = new Set(paying.map(({ subscription }) => subscription.customer_id)).size;
  const arpu = Math.round(ratio(mrr, payingCustomers));
  const canceled = subscriptions.filter(({ canceled }) => canceled >= from && canceled < to).length;
  const churned = subscriptions.filter(({ ended }) => ended >= from && ended < to).length;
  const aliveAtStart = subscriptions.filter((subscription) => activeAt(subscription, from)).length;
  const churnRate = ratio(churned, aliveAtStart);

  return {
    active_subscriptions: alive.length,
    committed_subscriptions: committed(alive).length,
    monthly_recurring_revenue: mrr,
    trial_monthly_recurring_revenue: mrrOf(trialing),
    committed_monthly_recurring_revenue: mrrOf(committed(paying)),
    trial_committed_monthly_recurring_revenue: mrrOf(committed(trialing)),
    average_revenue_per_user: arpu,
    checkouts: 0,
    succeeded_checkouts: 0,
    churned_subscriptions: churned,
    churn_rate: churnRate,
    seats_total: 0,
    seats_claimed: 0,
    seats_pending: 0,
    seat_customers: 0,
    new_seat_customers: 0,
    churned_seat_customers: 0,
    orders: inPeriod.length,
    revenue,
    net_revenue: netRevenue,
    cumulative_revenue: cumulative.revenue,
    net_cumulative_revenue: cumulative.net,
    costs: 0,
    cumulative_costs: 0,
    average_order_value: Math.round(ratio(revenue, inPeriod.length)),
    net_average_order_value: Math.round(ratio(netRevenue, inPeriod.length)),
    cost_per_user: 0,
    active_user_by_event: 0,
    one_time_products: purchases.length,
    one_time_products_revenue: sum(purchases, (order) => order.subtotal_amount),
    one_time_products_net_revenue: sum(purchases, net),
    new_subscriptions: creates.length,
    new_subscriptions_revenue: sum(creates, (order) => order.subtotal_amount),
    new_subscriptions_net_revenue: sum(creates, net),
    renewed_subscriptions: renewals.length,
    renewed_subscriptions_revenue: sum(renewals, (order) => order.subtotal_amount),
    renewed_subscriptions_net_revenue: sum(renewals, net),
    canceled_subscriptions: canceled,
    canceled_subscriptions_customer_service: 0,
    canceled_subscriptions_low_quality: 0,
    canceled_subscriptions_missing_features: 0,
    canceled_subscriptions_switched_service: 0,
    canceled_subscriptions_too_complex: 0,
    // Every seeded cancellation gives "too_expensive" as its reason (serializers.ts).
    canceled_subscriptions_too_expensive: canceled,
    canceled_subscriptions_unused: 0,
    canceled_subscriptions_other: 0,
    // metrics.py MetaMetric `compute_from_period`:
    annual_recurring_revenue: mrr * 12,
    committed_annual_recurring_revenue: mrrOf(committed(paying)) * 12,
    checkouts_conversion: 0,
    ltv: churnRate === 0 ? 0 : Math.max(0, Math.trunc(arpu / churnRate)),
    gross_margin: cumulative.revenue,
    gross_margin_percentage: cumulative.revenue > 0 ? 1 : 0,
    cashflow: revenue,
    average_seats_per_customer: 0,
    seat_utilization_rate: 0,
  };
}

export function computeMetrics(
  query: MetricsQuery,
  { orders, subscriptions, products }: Dataset,
): models.MetricsResponse {
  const { start, end, interval: unit, metrics: requested } = query;
  const orgs = new Set(query.organizationIds);
  const billed = query.billingTypes;
  const products_ = new Set(
    products
      .filter((product) => !billed || billed.includes(product.recurring_interval ? "recurring" : "one_time"))
      .map((product) => product.id),
  );
  /** Whether an order or subscription is among the ones the query asks about. */
  const inScope = (row: { organization_id: string; product_id: string; customer_id: string }) =>
    orgs.has(row.organization_id) &&
    products_.has(row.product_id) &&
    (!query.productIds || query.productIds.includes(row.product_id)) &&
    (!query.customerIds || query.customerIds.includes(row.customer_id));
  // Timestamps are parsed once, not once per period: the emulator answers its
  // calls one at a time, so a slow one would hold back every other call of a page.
  const scopedOrders = orders
    .filter(inScope)
    .map((order) => ({ order, created: Date.parse(order.created_at) }));
  const scopedSubscriptions = subscriptions.filter(inScope).map(timed);

  const rows: { timestamp: string; values: PeriodValues }[] = [];
  const cumulative = { revenue: 0, net: 0 };
  const rangeEnd = end + DAY;
  for (let from = truncate(start, unit); from < rangeEnd; from = next(from, unit)) {
    const to = next(from, unit);
    const inPeriod = scopedOrders
      .filter(({ created }) => created >= from && created < to)
      .map(({ order }) => order);
    rows.push({
      timestamp: new Date(from).toISOString().replace(/\.\d{3}Z$/, "Z"),
      values: periodValues(inPeriod, scopedSubscriptions, from, to, cumulative),
    });
  }

  const selected = METRICS.filter((metric) => !requested || requested.includes(metric.slug));
  const values = rows.map((row) => row.values);
  const periods = rows.map((row) => {
    const period: models.MetricPeriod = { timestamp: row.timestamp };
    for (const { slug } of selected) period[slug] = row.values[slug];
    return period;
  });
  const totals: models.MetricsTotals = {};
  const metrics: models.Metrics = {};
  for (const metric of selected) {
    totals[metric.slug] = totalOf(metric, values);
    metrics[metric.slug] = { slug: metric.slug, display_name: metric.displayName, type: metric.type };
  }
  return { periods, totals, metrics };
}
