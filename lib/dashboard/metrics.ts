import "server-only";
import { cache } from "react";
import { periodRange, type PeriodKey } from "@/lib/polar/periods";
import { readOrganization } from "./organization-access";

const METRICS = ["revenue", "orders", "active_subscriptions"] as const;
type Metric = (typeof METRICS)[number];

/** Revenue (cents), orders and active subscriptions per period, and their totals. */
export interface Metrics {
  periods: ({ timestamp: string } & Record<Metric, number>)[];
  totals: Record<Metric, number>;
}

const values = (source: Partial<Record<Metric, number | null>>) =>
  Object.fromEntries(METRICS.map((metric) => [metric, source[metric] ?? 0])) as Record<Metric, number>;

/** The overview's metrics over `period`, ending today (UTC). */
export const readMetrics = cache((slug: string, period: PeriodKey) => {
  const range = periodRange(period);
  return readOrganization(
    slug,
    ["metrics", period, range.end_date],
    "metrics:read",
    async (polar): Promise<Metrics> => {
      const { periods, totals } = await polar.metrics.get({ ...range, metrics: [...METRICS] });
      return {
        periods: periods.map((p) => ({ timestamp: String(p.timestamp), ...values(p) })),
        totals: values(totals),
      };
    },
  );
});
