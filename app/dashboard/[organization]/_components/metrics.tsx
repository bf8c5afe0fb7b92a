import { KpiCard } from "@/components/kpi-card";
import { PolarProblemNotice } from "@/components/polar-problem";
import { metricsLoader } from "@/lib/dashboard/metrics";
import { detailsLoader } from "@/lib/dashboard/organization";
import { formatCompactMoney, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { PERIODS, type PeriodKey } from "@/lib/polar/periods";
import { niceCeiling, TICKS } from "./chart-scale";
import { MetricsChart } from "./metrics-chart";
import { ReadTime } from "@/components/read-time";

/** Revenue, orders and active subscriptions over `period`, from Polar's metrics endpoint. */
export async function Metrics({ slug, period }: { slug: string; period: PeriodKey }) {
  // Both reads are already under way (the header reads the details too).
  const [result, organization] = await Promise.all([
    metricsLoader.read(slug, { period }),
    detailsLoader.read(slug, {}),
  ]);
  const currency = organization.ok ? organization.data.currency : "usd";
  if (!result.ok) {
    return (
      <PolarProblemNotice
        problem={result.problem}
        subject="metrics"
        retryHref={`/dashboard/${slug}?period=${period}`}
      />
    );
  }
  const { periods, totals } = result.data;
  const unit = PERIODS[period].unit;
  const series = (key: "revenue" | "orders" | "active_subscriptions") => periods.map((p) => p[key]);
  const revenue = series("revenue");
  const max = niceCeiling(Math.max(0, ...revenue));

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4">
        <KpiCard
          className="col-span-2 sm:col-span-1"
          label="Revenue"
          value={formatMoney(totals.revenue, currency)}
          series={revenue}
        />
        <KpiCard label="Orders" value={formatNumber(totals.orders)} series={series("orders")} />
        <KpiCard
          label="Active subscriptions"
          value={formatNumber(totals.active_subscriptions)}
          series={series("active_subscriptions")}
        />
      </dl>
      <MetricsChart
        title={`Revenue per ${unit}, last ${PERIODS[period].label}`}
        max={max}
        ticks={TICKS.map((t) => formatCompactMoney(max * t, currency))}
        points={periods.map((p) => ({
          label: formatPeriod(p.timestamp, unit),
          value: p.revenue,
          display: formatMoney(p.revenue, currency),
        }))}
      />
      <ReadTime readAt={result.readAt} stale={result.stale} updating={result.updating} />
    </div>
  );
}
