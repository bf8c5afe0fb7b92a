// The API's rate limit is per OAuth client: every token of a client, whoever
// it belongs to, draws on one budget of 500 requests a minute (100 in sandbox).
// Over it: 429 with Retry-After and an empty body.
// Mirrors server/polar/rate_limit.py (`_PRODUCTION_RULES`, `_SANDBOX_RULES`,
// the `ratelimit` middleware's default 429) and server/polar/auth/models.py
// (`rate_limit_user` = `oauth2_client:<client_id>`).
import { PolarRateLimitError } from "@polar-sh/sdk";
import { createPolar } from "@polar-sh/sdk/2026-10";
import { describe, expect, it } from "vitest";
import { ADA_ID, GRACE_ID, KATHERINE_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, refresh, signIn } from "../src/testing.ts";
import { apiGet, userinfo } from "./helpers.ts";

const SCOPE = "openid organizations:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const stats = async (origin = issuer) =>
  (await (await control(origin, "stats")).json()) as { rate_limited: number };

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await response.text()).toBe("");
}

describe("the rate limit", () => {
  it("is one budget for all of a client's tokens, userinfo included", async () => {
    await control(issuer, "settings", { rate_limit_per_minute: 5 });
    const ada = await signIn(issuer, { userId: ADA_ID, scope: SCOPE });
    const grace = await signIn(issuer, { userId: GRACE_ID, scope: SCOPE });
    const katherine = await signIn(issuer, { userId: KATHERINE_ID, scope: SCOPE });
    for (const token of [ada, ada, grace])
      expect((await apiGet(issuer, "/v1/organizations/", token.access_token)).status).toBe(200);
    for (const token of [grace, katherine])
      expect((await userinfo(issuer, token.access_token)).status).toBe(200);
    await expectRateLimited(await apiGet(issuer, "/v1/organizations/", katherine.access_token));
    await expectRateLimited(
      await fetch(`${issuer}/v1/oauth2/userinfo`, {
        headers: { authorization: `Bearer ${ada.access_token}` },
      }),
    );
    expect(await stats()).toMatchObject({ rate_limited: 2 });
  });

  it("is separate for each client, and leaves the token endpoint and unauthenticated calls alone", async () => {
    await control(issuer, "settings", { rate_limit_per_minute: 1 });
    const confidential = await signIn(issuer, { userId: ADA_ID, scope: SCOPE });
    const publicClient = await signIn(issuer, { userId: ADA_ID, scope: SCOPE, clientAuth: "none" });
    expect(
      (
        await fetch(`${issuer}/v1/organizations/`, {
          headers: { authorization: "Bearer polar_at_u_unknown" },
        })
      ).status,
    ).toBe(401);
    expect((await apiGet(issuer, "/v1/organizations/", confidential.access_token)).status).toBe(200);
    expect((await apiGet(issuer, "/v1/organizations/", confidential.access_token)).status).toBe(429);
    expect((await apiGet(issuer, "/v1/organizations/", publicClient.access_token)).status).toBe(200);
    expect((await refresh(issuer, confidential.refresh_token)).status).toBe(200);
  });

  it("makes @polar-sh/sdk throw its PolarRateLimitError", async () => {
    await control(issuer, "settings", { rate_limit_per_minute: 0 });
    const tokens = await signIn(issuer, { userId: ADA_ID, scope: SCOPE });
    const polar = createPolar({ accessToken: tokens.access_token, baseUrl: issuer });
    await expect(polar.organizations.list()).rejects.toBeInstanceOf(PolarRateLimitError);
  });

  it("is 500 a minute in the production profile and 100 in the sandbox one", async () => {
    expect(await (await control(issuer, "settings")).json()).toMatchObject({ rate_limit_per_minute: 500 });
    const sandbox = await startEmulator({ port: 0, quiet: true, rateLimitProfile: "sandbox" });
    try {
      const tokens = await signIn(sandbox.apiUrl, { userId: ADA_ID, scope: SCOPE });
      const statuses = await Promise.all(
        Array.from({ length: 101 }, () =>
          apiGet(sandbox.apiUrl, "/v1/organizations/", tokens.access_token).then(
            (response) => response.status,
          ),
        ),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(100);
      expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});

describe("a forced 429 (api-failures)", () => {
  it("looks like the rate limit's: Retry-After, empty body, counted", async () => {
    const tokens = await signIn(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "api-failures", { status: 429, path: "/v1/organizations" });
    const forced = await apiGet(issuer, "/v1/organizations/", tokens.access_token);
    await expectRateLimited(forced);
    expect(forced.headers.get("retry-after")).toBe("60");
    expect(await stats()).toMatchObject({ rate_limited: 1 });
    expect((await apiGet(issuer, "/v1/organizations/", tokens.access_token)).status).toBe(200);
  });

  it("takes another Retry-After in seconds, or as an HTTP-date (RFC 9110 §10.2.3 IMF-fixdate)", async () => {
    const tokens = await signIn(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "api-failures", { status: 429, retry_after: 7 });
    const seconds = await apiGet(issuer, "/v1/organizations/", tokens.access_token);
    expect(seconds.headers.get("retry-after")).toBe("7");
    expect(await seconds.text()).toBe("");

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
