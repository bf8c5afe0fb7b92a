// Polar keeps a metrics answer for 60 s: an identical query (same dates,
// interval, timezone, filters, metrics, and the same organizations resolved
// from the token) is answered from the cache, without the metrics latency.
// The key holds no token or user: tokens reading the same organizations share it.
// Mirrors server/polar/metrics/cache.py (`build_cache_key`,
// METRICS_CACHE_TTL_SECONDS) and metrics/service.py `get_metrics`.
import { describe, expect, it } from "vitest";
import { ADA_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { apiGet } from "./helpers.ts";

const SCOPE = "openid metrics:read";
const QUERY = "/v1/metrics/?start_date=2026-01-01&end_date=2026-03-31&interval=month";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

async function timedMetrics(token: TokenSet, query = QUERY) {
  const started = Date.now();
  const response = await apiGet(issuer, query, token.access_token);
  expect(response.status).toBe(200);
  return { ms: Date.now() - started, body: await response.text() };
}

describe("the metrics cache", () => {
  it("answers an identical query again at once, with the same answer", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "latency", { "/v1/metrics/": 400 });
    const first = await timedMetrics(ada);
    expect(first.ms).toBeGreaterThanOrEqual(390);
    const second = await timedMetrics(ada);
    expect(second.ms).toBeLessThan(390);
    expect(second.body).toBe(first.body);
  });

  it("is shared by tokens that read the same organizations, not by others", async () => {
    const one = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const another = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const nebula = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: SCOPE,
      subType: "organization",
      organizationId: NEBULA_ID,
    });
    await control(issuer, "latency", { "/v1/metrics/": 400 });
    await timedMetrics(one);
    expect((await timedMetrics(another)).ms).toBeLessThan(390);
    expect((await timedMetrics(nebula)).ms).toBeGreaterThanOrEqual(390);
    expect((await timedMetrics(one, `${QUERY}&organization_id=${NEBULA_ID}`)).ms).toBeLessThan(390);
  });

  it("keys on the query: another interval or metric misses, the metrics' order does not", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "latency", { "/v1/metrics/": 400 });
    await timedMetrics(ada, `${QUERY}&metrics=revenue&metrics=orders`);
    expect((await timedMetrics(ada, `${QUERY}&metrics=orders&metrics=revenue`)).ms).toBeLessThan(390);
    expect((await timedMetrics(ada, `${QUERY}&metrics=orders`)).ms).toBeGreaterThanOrEqual(390);
    expect((await timedMetrics(ada, QUERY.replace("month", "week"))).ms).toBeGreaterThanOrEqual(390);
  });

  it("is emptied by reset", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await timedMetrics(ada);
    await control(issuer, "reset", {});
    const again = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "latency", { "/v1/metrics/": 400 });
    expect((await timedMetrics(again)).ms).toBeGreaterThanOrEqual(390);
  });
});
