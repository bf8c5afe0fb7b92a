import "server-only";
import { POLAR_TIMEOUT_SECONDS } from "@/lib/polar/client";
import { periodRange, type PeriodKey } from "@/lib/polar/periods";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { organizationRead } from "./organization-read";

const METRICS = ["revenue", "orders", "active_subscriptions"] as const;
type Metric = (typeof METRICS)[number];

/** Revenue (cents), orders and active subscriptions per period, and their totals. */
export interface PeriodMetrics {
  periods: ({ timestamp: string } & Record<Metric, number>)[];
  totals: Record<Metric, number>;
}

const values = (source: Partial<Record<Metric, number | null>>) =>
  Object.fromEntries(METRICS.map((metric) => [metric, source[metric] ?? 0])) as Record<Metric, number>;

/**
 * The overview's metrics over `period`, ending today (UTC). Polar computes them
 * on request, which can take many seconds: a cached copy is served while a new
 * one loads.
 */
export const metricsLoader = organizationRead({
  name: "metrics",
  scope: READ_SCOPES.metrics,
  key: ({ period }: { period: PeriodKey }) => [period, periodRange(period).end_date],
  options: () => ({ slow: true, timeoutSeconds: POLAR_TIMEOUT_SECONDS.metrics }),
  load: async (polar, organizationId, { period }): Promise<PeriodMetrics> => {
    const { periods, totals } = await polar.metrics.get({
      ...periodRange(period),
      organization_id: organizationId,
      metrics: [...METRICS],
    });
    return {
      periods: periods.map((p) => ({ timestamp: String(p.timestamp), ...values(p) })),
      totals: values(totals),
    };
  },
});
