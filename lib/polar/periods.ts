/**
 * The longest span Polar's metrics endpoint accepts per interval: end date
 * minus start date, in days (kit/time_queries.py `MAX_INTERVAL_DAYS`,
 * `is_under_limits`); a longer span is refused with 422.
 */
export const METRICS_MAX_SPAN_DAYS = { hour: 7, day: 366, week: 371, month: 1460, year: 3650 } as const;

/** The reporting periods the overview offers, as `?period=` values. */
export const PERIODS = {
  "7d": { label: "7 days", unit: "day", days: 7 },
  "30d": { label: "30 days", unit: "day", days: 30 },
  "90d": { label: "90 days", unit: "week", days: 90 },
  "12m": { label: "12 months", unit: "month", days: 0 },
} as const;

export type PeriodKey = keyof typeof PERIODS;
export const DEFAULT_PERIOD: PeriodKey = "30d";

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The metrics query for a period ending today (UTC). */
export function periodRange(period: PeriodKey, now = Date.now()) {
  const { unit, days } = PERIODS[period];
  const today = new Date(now);
  const start =
    period === "12m"
      ? Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1)
      : Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1));
  return { start_date: isoDay(start), end_date: isoDay(now), interval: unit };
}
