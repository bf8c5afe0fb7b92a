// GET /v1/metrics/: the range each interval allows (hour 7 days, day 366, week
// 371, month 1460, year 3650), an inverted range or an unknown metric slug
// answered with Polar's own 422 (PolarRequestValidationError); every one of
// the 55 metrics @polar-sh/sdk 2026-10 names, in Polar's order, with totals as
// each metric's `get_cumulative` adds up its periods; `metrics` narrows the
// answer to those slugs.
// Mirrors server/polar/kit/time_queries.py (MAX_INTERVAL_DAYS,
// `is_under_limits`, MIN_INTERVAL_DAYS), metrics/endpoints.py `get` and `limits`, metrics/metrics.py (METRICS,
// `get_cumulative`, MetaMetric `compute_from_period`), metrics/service.py
// `get_metrics` and exception_handlers.py.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { apiGet } from "./helpers.ts";

let issuer: string;
let token: TokenSet;
withEmulator((started) => {
  issuer = started;
});
beforeEach(async () => {
  token = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: "openid metrics:read" });
});

const metrics = async (query: string) => {
  const response = await apiGet(issuer, `/v1/metrics/?${query}`, token.access_token);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The fields of an interface in @polar-sh/sdk 2026-10's model definitions. */
function sdkFields(name: string): string[] {
  const index = fileURLToPath(import.meta.resolve("@polar-sh/sdk/2026-10")).replace(
    /index\.mjs$/,
    "index.d.mts",
  );
  const file = /from "\.\.\/(models-[\w-]+)\.mjs"/.exec(readFileSync(index, "utf8"))?.[1];
  const source = readFileSync(fileURLToPath(new URL(`../${file}.d.mts`, `file://${index}`)), "utf8");
  const body = new RegExp(`^interface ${name} \\{\\n([\\s\\S]*?)^\\}`, "m").exec(source)?.[1] ?? "";
  return [...body.replace(/\/\*\*[\s\S]*?\*\//g, "").matchAll(/^ {2}(\w+)\??:/gm)].map(
    (field) => field[1] ?? "",
  );
}

const tooLong = (start: string, end: string, interval: string) => ({
  status: 422,
  body: {
    error: "PolarRequestValidationError",
    detail: [
      {
        type: "value_error",
        loc: ["query"],
        msg: "The interval is too small for the given date range. Use a larger interval or reduce the date range.",
        input: [start, end, interval],
      },
    ],
  },
});

describe("the range", () => {
  it("is at most 7 days by the hour, 366 by the day, 371 by the week, 1460 by the month, 3650 by the year", async () => {
    for (const [interval, longest, tooFar] of [
      ["hour", "2026-01-08", "2026-01-09"],
      ["day", "2027-01-02", "2027-01-03"],
      ["week", "2027-01-07", "2027-01-08"],
      ["month", "2029-12-31", "2030-01-01"],
      ["year", "2035-12-30", "2035-12-31"],
    ] as const) {
      expect(
        (await metrics(`start_date=2026-01-01&end_date=${longest}&interval=${interval}`)).status,
        interval,
      ).toBe(200);
      expect(await metrics(`start_date=2026-01-01&end_date=${tooFar}&interval=${interval}`)).toEqual(
        tooLong("2026-01-01", tooFar, interval),
      );
    }
  });

  it("may not end before it starts", async () => {
    expect(await metrics("start_date=2026-02-01&end_date=2026-01-31&interval=day")).toEqual(
      tooLong("2026-02-01", "2026-01-31", "day"),
    );
  });
});

describe("/v1/metrics/limits", () => {
  it("shows the limits, min_days included, which Polar does not enforce", async () => {
    const response = await apiGet(issuer, "/v1/metrics/limits", token.access_token);
    expect(await response.json()).toEqual({
      min_date: "2023-01-01",
      intervals: {
        year: { min_days: 366, max_days: 3650 },
        month: { min_days: 60, max_days: 1460 },
        week: { min_days: 14, max_days: 371 },
        day: { min_days: 0, max_days: 366 },
        hour: { min_days: 0, max_days: 7 },
      },
    });
    expect((await metrics("start_date=2026-01-01&end_date=2026-01-02&interval=year")).status).toBe(200);
  });
});

describe("the metrics", () => {
  it("are the 55 the SDK names, in Polar's order, each in every period and in the totals", async () => {
    const { body } = await metrics("start_date=2025-01-01&end_date=2026-12-31&interval=month");
    const slugs = sdkFields("MetricsTotals");
    expect(slugs).toHaveLength(55);
    expect(Object.keys(body["totals"] as object).sort()).toEqual([...slugs].sort());
    expect(Object.keys(body["metrics"] as object)).toEqual(Object.keys(body["totals"] as object));
    expect(Object.keys(body["metrics"] as object).slice(0, 3)).toEqual([
      "active_subscriptions",
      "committed_subscriptions",
      "monthly_recurring_revenue",
    ]);
    for (const period of body["periods"] as Record<string, unknown>[])
      expect(Object.keys(period).sort()).toEqual(["timestamp", ...slugs].sort());
    expect((body["metrics"] as Record<string, unknown>)["costs"]).toEqual({
      slug: "costs",
      display_name: "Costs",
      type: "currency_sub_cent",
    });
  });

  it("add up as Polar's get_cumulative does: sums, last values, ratios of sums", async () => {
    const { body } = await metrics(
      `start_date=2024-01-01&end_date=2026-12-31&interval=month&organization_id=${ACME_ID}`,
    );
    const periods = body["periods"] as Record<string, number>[];
    const totals = body["totals"] as Record<string, number>;
    const sumOf = (slug: string) => periods.reduce((total, period) => total + (period[slug] ?? 0), 0);
    const last = periods[periods.length - 1] ?? {};
    expect(totals["orders"]).toBe(sumOf("orders"));
    expect(totals["revenue"]).toBeGreaterThan(0);
    expect(totals["cumulative_revenue"]).toBe(last["cumulative_revenue"]);
    expect(totals["cumulative_revenue"]).toBe(totals["revenue"]);
    expect(totals["active_subscriptions"]).toBe(last["active_subscriptions"]);
    expect(totals["average_order_value"]).toBeCloseTo((totals["revenue"] ?? 0) / (totals["orders"] ?? 1), 6);
    expect(totals["annual_recurring_revenue"]).toBe((totals["monthly_recurring_revenue"] ?? 0) * 12);
    expect(totals["canceled_subscriptions_too_expensive"]).toBe(totals["canceled_subscriptions"]);
    expect(totals["checkouts_conversion"]).toBe(0);
  });

  it("are only those the metrics parameter names", async () => {
    const { body } = await metrics(
      "start_date=2026-01-01&end_date=2026-03-31&interval=month&metrics=revenue&metrics=ltv",
    );
    expect(Object.keys(body["totals"] as object)).toEqual(["revenue", "ltv"]);
    expect(Object.keys(body["metrics"] as object)).toEqual(["revenue", "ltv"]);
    for (const period of body["periods"] as object[])
      expect(Object.keys(period)).toEqual(["timestamp", "revenue", "ltv"]);
  });

  it("refuse unknown slugs with Polar's 422, naming them sorted", async () => {
    expect(
      await metrics(
        "start_date=2026-01-01&end_date=2026-01-31&interval=day&metrics=revenue&metrics=zilch&metrics=nope",
      ),
    ).toEqual({
      status: 422,
      body: {
        error: "PolarRequestValidationError",
        detail: [
          {
            type: "value_error",
            loc: ["query", "metrics"],
            msg: "Invalid metric slugs: nope, zilch",
            input: ["revenue", "zilch", "nope"],
          },
        ],
      },
    });
  });

  it("leave parameter errors to FastAPI's RequestValidationError", async () => {
    const { status, body } = await metrics(
      "start_date=2026-01-01&end_date=2026-01-31&interval=day&billing_type=monthly",
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({
      error: "RequestValidationError",
      detail: [{ loc: ["query", "billing_type", 0] }],
    });
  });
});
