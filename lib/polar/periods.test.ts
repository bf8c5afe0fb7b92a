// Every period the overview offers is a query Polar's metrics endpoint accepts,
// whatever today is: start before end, and a span within its interval's limit.
import { describe, expect, it } from "vitest";
import { METRICS_MAX_SPAN_DAYS, PERIODS, periodRange, type PeriodKey } from "./periods";

const DAY = 86_400_000;

describe("periodRange", () => {
  // Month ends, a leap day and New Year's Eve: where spans are longest.
  const todays = ["2026-12-06", "2026-03-31", "2028-02-29", "2027-12-31", "2027-01-01"].map((day) =>
    Date.parse(`${day}T23:30:00Z`),
  );

  for (const period of Object.keys(PERIODS) as PeriodKey[]) {
    it(`asks Polar for ${period} within its limits on any day`, () => {
      for (const now of todays) {
        const { start_date, end_date, interval } = periodRange(period, now);
        const span = (Date.parse(end_date) - Date.parse(start_date)) / DAY;
        expect(span).toBeGreaterThanOrEqual(0);
        expect(span).toBeLessThanOrEqual(METRICS_MAX_SPAN_DAYS[interval]);
      }
    });
  }
});
