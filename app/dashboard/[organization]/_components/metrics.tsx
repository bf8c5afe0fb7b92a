import { formatCompactMoney, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { organizationDetails, organizationMetrics } from "@/lib/polar/organization-data";
import { PERIODS, type PeriodKey } from "@/lib/polar/periods";
import { KpiCard } from "../kpi-card";
import { MetricsChart } from "../metrics-chart";
import { PolarProblemNotice } from "../polar-problem";

/** Revenue, orders and active subscriptions over `period`, from Polar's metrics endpoint. */
export async function MetricsOverview({
  userId,
  slug,
  period,
}: {
  userId: string;
  slug: string;
  period: PeriodKey;
}) {
  // Both requests are already in flight (the header reads the details too).
  const [result, details] = await Promise.all([organizationMetrics(userId, slug, period), organizationDetails(userId, slug)]);
  const currency = details.ok ? details.data.default_presentment_currency : "usd";
  if (!result.ok) {
    return <PolarProblemNotice problem={result.problem} subject="metrics" retryHref={`/dashboard/${slug}?period=${period}`} />;
  }
  const { periods, totals } = result.data;
  const unit = PERIODS[period].unit;
  const series = (key: "revenue" | "orders" | "active_subscriptions") => periods.map((p) => p[key] ?? 0);
  const revenue = series("revenue");

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4">
        <KpiCard className="col-span-2 sm:col-span-1" label="Revenue" value={formatMoney(totals.revenue ?? 0, currency)} series={revenue} />
        <KpiCard label="Orders" value={formatNumber(totals.orders ?? 0)} series={series("orders")} />
        <KpiCard label="Active subscriptions" value={formatNumber(totals.active_subscriptions ?? 0)} series={series("active_subscriptions")} />
      </dl>
      <MetricsChart
        title={`Revenue per ${unit}, last ${PERIODS[period].label}`}
        points={periods.map((p, i) => ({
          label: formatPeriod(p.timestamp, unit),
          value: revenue[i] ?? 0,
          display: formatMoney(revenue[i] ?? 0, currency),
        }))}
        formatTick={(value) => formatCompactMoney(value, currency)}
      />
    </div>
  );
}
