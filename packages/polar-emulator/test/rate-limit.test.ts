// Polar's API rate limit runs before authentication on every /v1 path. A
// bearer whose identity is cached (for 5 minutes after each request that
// authenticated) counts against its OAuth client, shared by all the client's
// tokens, in the client's group: `default` 500 a minute (sandbox 100),
// `restricted` 60 (10), `elevated` 100 a second (50). A bearer not yet
// validated is `pending_auth`, 60 a minute for that token, and an invalid one
// stays there. No bearer, the token endpoint among them: per client IP
// (`True-Client-IP`) in `default`. Over a limit: 429, empty body, Retry-After
// = the window's length; windows are fixed from their first request.
// Mirrors server/polar/rate_limit.py (`_authenticate`, `_PRODUCTION_RULES`,
// `_SANDBOX_RULES`, write/clear_cached_identity), auth/models.py
// (`rate_limit_user`, `rate_limit_group`), auth/middlewares.py
// (AuthSubjectMiddleware caching the identity), kit/http.py `get_ip_address`
// and asgi-ratelimit 0.10.0 (fixed windows, the default 429).
import { PolarRateLimitError } from "@polar-sh/sdk";
import { createPolar } from "@polar-sh/sdk/2026-10";
import { describe, expect, it } from "vitest";
import { ADA_ID, GRACE_ID, KATHERINE_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  CONFIDENTIAL_CLIENT,
  control,
  refresh,
  authorizationCodeTokens,
  tokenRequest,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, userinfo } from "./helpers.ts";

const SCOPE = "openid organizations:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const stats = async (origin = issuer) =>
  (await (await control(origin, "stats")).json()) as { rate_limited: number };

async function expectRateLimited(response: Response, retryAfter = "60") {
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe(retryAfter);
  expect(await response.text()).toBe("");
}

const statuses = (calls: Promise<Response>[]) => Promise.all(calls.map(async (call) => (await call).status));
const times = <T>(n: number, call: () => T) => Array.from({ length: n }, call);

/** One request that authenticates, so the token's identity (its client) is cached. */
async function identified(token: TokenSet, origin = issuer): Promise<TokenSet> {
  expect((await apiGet(origin, "/v1/organizations/", token.access_token)).status).toBe(200);
  return token;
}

describe("a token's requests", () => {
  it("count against its client once its identity is cached: 500 a minute in the default group, then 429", async () => {
    const ada = await identified(await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE }));
    const grace = await identified(await authorizationCodeTokens(issuer, { userId: GRACE_ID, scope: SCOPE }));
    const results = await statuses([
      ...times(250, () => apiGet(issuer, "/v1/organizations/", ada.access_token)),
      ...times(250, () => apiGet(issuer, "/v1/oauth2/userinfo", grace.access_token)),
    ]);
    expect(results.every((status) => status === 200)).toBe(true);
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", ada.access_token));
    await expectRateLimited(await apiGet(issuer, "/v1/oauth2/userinfo", grace.access_token));
    const publicClient = await identified(
      await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE, clientAuth: "none" }),
    );
    expect((await apiGet(issuer, "/v1/organizations/", publicClient.access_token)).status).toBe(200);
    expect(await stats()).toMatchObject({ rate_limited: 2 });
  });

  it("count as pending_auth until one authenticates: 60 a minute per token, and an invalid token stays there, 429 before its 401", async () => {
    expect(
      await statuses(times(60, () => apiGet(issuer, "/v1/organizations/", "polar_at_u_forged"))),
    ).toEqual(times(60, () => 401));
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", "polar_at_u_forged"));
    const fresh = await authorizationCodeTokens(issuer, { userId: KATHERINE_ID, scope: SCOPE });
    expect((await apiGet(issuer, "/v1/organizations/", fresh.access_token)).status).toBe(200);
  });

  it("follow their client's group: restricted 60 a minute; elevated (sandbox) 50 a second with Retry-After 1", async () => {
    expect(
      await (
        await control(issuer, "rate-limit-groups", { client_id: CONFIDENTIAL_CLIENT.id, group: "restricted" })
      ).json(),
    ).toEqual({ client_id: CONFIDENTIAL_CLIENT.id, group: "restricted" });
    const token = await identified(await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE }));
    expect(await statuses(times(60, () => apiGet(issuer, "/v1/organizations/", token.access_token)))).toEqual(
      times(60, () => 200),
    );
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", token.access_token));

    const sandbox = await startEmulator({ port: 0, quiet: true, latency: {}, rateLimitProfile: "sandbox" });
    try {
      await control(sandbox.apiUrl, "rate-limit-groups", {
        client_id: CONFIDENTIAL_CLIENT.id,
        group: "elevated",
      });
      const elevated = await identified(
        await authorizationCodeTokens(sandbox.apiUrl, { userId: GRACE_ID, scope: SCOPE }),
        sandbox.apiUrl,
      );
      const burst = await Promise.all(
        times(51, () => apiGet(sandbox.apiUrl, "/v1/organizations/", elevated.access_token)),
      );
      expect(burst.filter((response) => response.status === 200)).toHaveLength(50);
      await expectRateLimited(burst.find((response) => response.status === 429) ?? new Response(), "1");
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect((await apiGet(sandbox.apiUrl, "/v1/organizations/", elevated.access_token)).status).toBe(200);
    } finally {
      await sandbox.close();
    }

    expect(
      (await control(issuer, "rate-limit-groups", { client_id: CONFIDENTIAL_CLIENT.id, group: "web" }))
        .status,
    ).toBe(400);
    expect(
      (await control(issuer, "rate-limit-groups", { client_id: "polar_ci_unknown", group: "default" }))
        .status,
    ).toBe(400);
  });

  it("make @polar-sh/sdk throw its PolarRateLimitError with Retry-After as retryAfter", async () => {
    await control(issuer, "settings", { rate_limit_per_minute: 0 });
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const error = await createPolar({ accessToken: tokens.access_token, baseUrl: issuer })
      .organizations.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolarRateLimitError);
    expect((error as PolarRateLimitError).retryAfter).toBe(60);
  });
});

describe("requests without a bearer", () => {
  it("count per client IP (True-Client-IP) in the default group, the token endpoint's among them; /.well-known is not limited", async () => {
    const sandbox = await startEmulator({ port: 0, quiet: true, latency: {}, rateLimitProfile: "sandbox" });
    try {
      const fromIp = (ip: string, path = "/v1/organizations/") =>
        fetch(`${sandbox.apiUrl}${path}`, { headers: { "true-client-ip": ip } });
      const tokenFromIp = () =>
        fetch(`${sandbox.apiUrl}/v1/oauth2/token`, {
          method: "POST",
          headers: { "true-client-ip": "203.0.113.7" },
        });
      expect(await statuses(times(99, () => fromIp("203.0.113.7")))).toEqual(times(99, () => 401));
      expect((await tokenFromIp()).status).toBe(400);
      await expectRateLimited(await tokenFromIp());
      await expectRateLimited(await fromIp("203.0.113.7"));
      const fromHere = await tokenRequest(sandbox.apiUrl, {
        grant_type: "refresh_token",
        refresh_token: "x",
      });
      expect(fromHere.status).toBe(400);
      expect((await fromIp("203.0.113.8")).status).toBe(401);
      expect((await fromIp("203.0.113.7", "/.well-known/openid-configuration")).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe("a window", () => {
  it("answers Retry-After with its length, not the time left, and is fixed from its first request", async () => {
    await control(issuer, "rate-limit-groups", { client_id: CONFIDENTIAL_CLIENT.id, group: "restricted" });
    const token = await identified(await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE }));
    await statuses(times(60, () => apiGet(issuer, "/v1/organizations/", token.access_token)));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", token.access_token), "60");
  });
});

describe("the rate_limit_per_minute setting", () => {
  it("replaces the groups with one budget per client, counted from each token's first request", async () => {
    expect(await (await control(issuer, "settings")).json()).toMatchObject({ rate_limit_per_minute: 500 });
    await control(issuer, "settings", { rate_limit_per_minute: 5 });
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const grace = await authorizationCodeTokens(issuer, { userId: GRACE_ID, scope: SCOPE });
    const katherine = await authorizationCodeTokens(issuer, { userId: KATHERINE_ID, scope: SCOPE });
    for (const token of [ada, ada, grace])
      expect((await apiGet(issuer, "/v1/organizations/", token.access_token)).status).toBe(200);
    for (const token of [grace, katherine])
      expect((await userinfo(issuer, token.access_token)).status).toBe(200);
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", katherine.access_token));
    expect((await refresh(issuer, ada.refresh_token)).status).toBe(200);
    expect(await stats()).toMatchObject({ rate_limited: 1 });
    await control(issuer, "settings", { rate_limit_per_minute: null });
    expect(await (await control(issuer, "settings")).json()).toMatchObject({ rate_limit_per_minute: 500 });
  });

  it("shows the profile's default budget: 500 a minute in production, 100 in sandbox", async () => {
    const sandbox = await startEmulator({ port: 0, quiet: true, rateLimitProfile: "sandbox" });
    try {
      expect(await (await control(sandbox.apiUrl, "settings")).json()).toMatchObject({
        rate_limit_per_minute: 100,
      });
    } finally {
      await sandbox.close();
    }
  });
});

describe("a forced 429 (api-failures)", () => {
  it("looks like the rate limit's: Retry-After, empty body, counted", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "api-failures", { status: 429, path: "/v1/organizations" });
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", tokens.access_token));
    expect(await stats()).toMatchObject({ rate_limited: 1 });
    expect((await apiGet(issuer, "/v1/organizations/", tokens.access_token)).status).toBe(200);
  });

  it("takes another Retry-After in seconds, or as an HTTP-date (RFC 9110 §10.2.3 IMF-fixdate)", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "api-failures", { status: 429, retry_after: 7 });
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", tokens.access_token), "7");

    await control(issuer, "api-failures", { status: 429, retry_after: 120, retry_after_format: "http-date" });
    const before = Date.now();
    const dated = await apiGet(issuer, "/v1/organizations/", tokens.access_token);
    expect(dated.status).toBe(429);
    expect(await dated.text()).toBe("");
    const header = dated.headers.get("retry-after") ?? "";
    expect(header).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const waitMs = Date.parse(header) - before;
    expect(waitMs).toBeGreaterThan(118_000);
    expect(waitMs).toBeLessThanOrEqual(121_000);
  });

  it("refuses a Retry-After with another status or format", async () => {
    expect((await control(issuer, "api-failures", { status: 500, retry_after: 5 })).status).toBe(400);
    expect(
      (await control(issuer, "api-failures", { status: 429, retry_after_format: "minutes" })).status,
    ).toBe(400);
  });
});
