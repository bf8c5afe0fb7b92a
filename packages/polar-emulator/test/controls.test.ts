// The /__emulator/ test controls: not Polar behaviour, the levers tests pull
// to make the emulator behave as Polar does on a bad day (forced failures,
// slow or lost token answers, latency, clock skew, revoked grants).
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, GRACE_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, refresh, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { introspect, tokenManagement, userinfo } from "./helpers.ts";

let url: string;
withEmulator((started) => {
  url = started;
});

const json = async (response: Response | Promise<Response>) =>
  (await response).json() as Promise<Record<string, unknown>>;
const get = (path: string, token: TokenSet) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });

describe("settings", () => {
  it("reads and changes the access token lifetime", async () => {
    expect(await json(control(url, "settings"))).toMatchObject({
      access_token_ttl: null,
      code_ttl: 300,
      clock_skew_seconds: 0,
    });
    expect(await json(control(url, "settings", { access_token_ttl: 5 }))).toMatchObject({
      access_token_ttl: 5,
    });
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID });
    expect(tokens.expires_in).toBe(5);
    const refreshed = (await json(refresh(url, tokens.refresh_token))) as unknown as TokenSet;
    expect(refreshed.expires_in).toBe(5);
  });

  it("rejects unknown settings and bad values with 400", async () => {
    const unknown = await control(url, "settings", { access_token_life: 5 });
    expect(unknown.status).toBe(400);
    expect((await control(url, "settings", { latency_ms: -1 })).status).toBe(400);
    expect((await control(url, "nonsense", {})).status).toBe(404);
  });

  it("skews the clock: ID token timestamps move and access tokens expire early", async () => {
    const before = Math.floor(Date.now() / 1000);
    await control(url, "settings", { clock_skew_seconds: -600 });
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    const claims = decodeJwt(tokens.id_token ?? "");
    expect(Number(claims.iat)).toBeLessThanOrEqual(before - 590);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);

    await control(url, "settings", { clock_skew_seconds: 864_000 });
    expect((await get("/v1/organizations/", tokens)).status).toBe(401);
  });

  it("injects latency into API calls", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    await control(url, "settings", { latency_ms: 300, latency_path: "/v1/organizations" });
    const started = Date.now();
    expect((await get("/v1/organizations/", tokens)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const quick = Date.now();
    await get("/v1/oauth2/userinfo", tokens);
    expect(Date.now() - quick).toBeLessThan(290);
  });

  it("judges the token after the latency: one rotated away meanwhile gets 401", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    await control(url, "settings", { latency_ms: 300, latency_path: "/v1/organizations" });
    const slow = get("/v1/organizations/", tokens);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await refresh(url, tokens.refresh_token)).status).toBe(200);
    expect((await slow).status).toBe(401);
  });
});

describe("forced token failures", () => {
  it("fails the next token call with the given error, without consuming the refresh token", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID });
    await control(url, "token-failures", { error: "invalid_grant", error_description: "forced by test" });
    const failed = await refresh(url, tokens.refresh_token);
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: "invalid_grant", error_description: "forced by test" });
    expect((await refresh(url, tokens.refresh_token)).status).toBe(200);
  });

  it("can answer 500 and target one grant type", async () => {
    await control(url, "token-failures", { error: "server_error", status: 500, grant_type: "refresh_token" });
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID });
    const failed = await refresh(url, tokens.refresh_token);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: "server_error" });
  });
});

describe("token delays", () => {
  it("answer a refresh late, after it rotated: the old access token is already revoked while the answer waits", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    await control(url, "token-delays", { grant_type: "refresh_token", delay_ms: 600 });
    const started = Date.now();
    const pending = refresh(url, tokens.refresh_token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await get("/v1/organizations/", tokens)).status).toBe(401);
    const answer = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as TokenSet).refresh_token).toMatch(/^polar_rt_u_/);
  });

  it("with drop, rotate the token and close the connection without an answer", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID });
    await control(url, "token-delays", { delay_ms: 50, drop: true });
    await expect(refresh(url, tokens.refresh_token)).rejects.toThrow();
    expect(await json(refresh(url, tokens.refresh_token))).toMatchObject({ error: "invalid_grant" });
  });

  it("only hold the matching grant type, once per count", async () => {
    await control(url, "token-delays", { grant_type: "refresh_token", delay_ms: 400, count: 1 });
    const timed = async <T>(call: () => Promise<T>) => {
      const started = Date.now();
      const result = await call();
      return { result, ms: Date.now() - started };
    };
    const signedIn = await timed(() => authorizationCodeTokens(url, { userId: ADA_ID }));
    expect(signedIn.ms).toBeLessThan(390);
    const first = await timed(
      async () => (await json(refresh(url, signedIn.result.refresh_token))) as unknown as TokenSet,
    );
    expect(first.ms).toBeGreaterThanOrEqual(390);
    expect((await timed(() => refresh(url, first.result.refresh_token))).ms).toBeLessThan(390);
    expect((await control(url, "token-delays", { delay_ms: -1 })).status).toBe(400);
  });
});

describe("forced API failures", () => {
  it("answers the next matching calls with 429, 500 or insufficient scope, then recovers", async () => {
    const tokens = await authorizationCodeTokens(url, {
      userId: ADA_ID,
      scope: "openid organizations:read products:read",
    });
    await control(url, "api-failures", { status: 429, path: "/v1/products", count: 2 });
    await control(url, "api-failures", { status: 500, path: "/v1/organizations" });
    await control(url, "api-failures", { status: 403, path: "/v1/oauth2/userinfo" });

    for (let i = 0; i < 2; i++) expect((await get("/v1/products/", tokens)).status).toBe(429);
    expect((await get("/v1/products/", tokens)).status).toBe(200);
    expect((await get("/v1/organizations/", tokens)).status).toBe(500);
    const forbidden = await get("/v1/oauth2/userinfo", tokens);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: "insufficient_scope" });
    expect((await get("/v1/organizations/", tokens)).status).toBe(200);
  });

  it("only accepts statuses it can imitate", async () => {
    expect((await control(url, "api-failures", { status: 418 })).status).toBe(400);
  });
});

describe("token quirks", () => {
  it("leave scope out of the next refresh answers; the tokens keep their scopes", async () => {
    const scope = "openid organizations:read";
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope });
    expect(await json(control(url, "token-quirks", { omit_scope: true }))).toEqual({ queued: 1 });
    const quirky = await json(refresh(url, tokens.refresh_token));
    expect(Object.keys(quirky)).toEqual(["token_type", "access_token", "expires_in", "refresh_token"]);
    expect(await introspect(url, String(quirky["access_token"]))).toMatchObject({ scope });
    expect((await get("/v1/organizations/", quirky as unknown as TokenSet)).status).toBe(200);
    const next = await json(refresh(url, String(quirky["refresh_token"])));
    expect(next["scope"]).toBe(scope);
  });

  it("target a grant type (refresh_token by default) and count", async () => {
    await control(url, "token-quirks", { omit_scope: true, grant_type: "authorization_code", count: 2 });
    const first = await authorizationCodeTokens(url, { userId: ADA_ID });
    expect(first).not.toHaveProperty("scope");
    expect(await json(refresh(url, first.refresh_token))).toHaveProperty("scope");
    expect(await authorizationCodeTokens(url, { userId: ADA_ID })).not.toHaveProperty("scope");
    expect(await authorizationCodeTokens(url, { userId: ADA_ID })).toHaveProperty("scope");
    expect((await control(url, "token-quirks", { omit_scope: false })).status).toBe(400);
  });
});

describe("forced revocation failures", () => {
  it("answer the next revocation requests with 503 by default, revoking nothing, then recover", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    expect(await json(control(url, "revocation-failures", { count: 2 }))).toEqual({ queued: 2 });
    for (let i = 0; i < 2; i++) {
      const failed = await tokenManagement(url, "revoke", { token: tokens.refresh_token });
      expect(failed.status).toBe(503);
      expect(await failed.json()).toEqual({ error: "temporarily_unavailable" });
    }
    expect((await userinfo(url, tokens.access_token)).status).toBe(200);
    expect((await refresh(url, tokens.refresh_token)).status).toBe(200);
    expect(await json(control(url, "stats"))).toMatchObject({ revocations: 0, revocation_failures: 2 });
  });

  it("can answer 500 or 401 with the OAuth error body, and refuse other statuses", async () => {
    await control(url, "revocation-failures", { status: 500 });
    await control(url, "revocation-failures", { status: 401 });
    const serverError = await tokenManagement(url, "revoke", { token: "polar_rt_u_x" });
    expect([serverError.status, await serverError.json()]).toEqual([500, { error: "server_error" }]);
    const unauthorized = await tokenManagement(url, "revoke", { token: "polar_rt_u_x" });
    expect([unauthorized.status, await unauthorized.json()]).toEqual([
      401,
      { error: "invalid_client", error_description: "Client authentication failed." },
    ]);
    expect((await tokenManagement(url, "revoke", { token: "polar_rt_u_x" })).status).toBe(200);
    expect((await control(url, "revocation-failures", { status: 502 })).status).toBe(400);
  });

  it("leave introspection alone", async () => {
    await control(url, "revocation-failures", {});
    expect((await tokenManagement(url, "introspect", { token: "polar_at_u_x" })).status).toBe(200);
  });
});

describe("revoking grants", () => {
  it("revokes the grant behind a refresh token: refresh and API calls stop working", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    expect(await json(control(url, "revoke", { refresh_token: tokens.refresh_token }))).toEqual({
      revoked_grants: 1,
    });
    expect(await json(refresh(url, tokens.refresh_token))).toMatchObject({ error: "invalid_grant" });
    expect((await get("/v1/organizations/", tokens)).status).toBe(401);
  });

  it("revokes every grant of a user or of an organization", async () => {
    const ada = await authorizationCodeTokens(url, { userId: ADA_ID });
    const acme = await authorizationCodeTokens(url, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: ACME_ID,
    });
    const grace = await authorizationCodeTokens(url, { userId: GRACE_ID });
    expect(await json(control(url, "revoke", { organization_id: ACME_ID }))).toEqual({ revoked_grants: 1 });
    expect((await refresh(url, acme.refresh_token)).status).toBe(400);
    expect((await refresh(url, ada.refresh_token)).status).toBe(200);
    expect(await json(control(url, "revoke", { user_id: ADA_ID }))).toEqual({ revoked_grants: 1 });
    expect((await refresh(url, grace.refresh_token)).status).toBe(200);
  });
});

describe("stats and reset", () => {
  it("counts token calls by grant type, API calls and errors", async () => {
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    const rotated = (await json(refresh(url, tokens.refresh_token))) as unknown as TokenSet;
    await refresh(url, tokens.refresh_token);
    await get("/v1/organizations/", rotated);
    await get(`/v1/organizations/${ACME_ID}`, rotated);
    expect(await json(control(url, "stats"))).toEqual({
      token: { authorization_code: 1, refresh_token: 2 },
      token_errors: { invalid_grant: 1 },
      api: { "GET /v1/organizations/": 1, "GET /v1/organizations/{id}": 1 },
      userinfo: 0,
      revocations: 0,
      revocation_failures: 0,
      authorizations: 1,
      rate_limited: 0,
      stalled: 0,
    });
    await control(url, "stats/reset", {});
    expect(await json(control(url, "stats"))).toMatchObject({ token: {}, api: {}, authorizations: 0 });
  });

  it("reset forgets every token and restores the settings", async () => {
    await control(url, "settings", { access_token_ttl: 7 });
    const tokens = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    await control(url, "reset", {});
    expect((await get("/v1/organizations/", tokens)).status).toBe(401);
    expect((await refresh(url, tokens.refresh_token)).status).toBe(400);
    expect(await json(control(url, "settings"))).toMatchObject({ access_token_ttl: null });
  });

  it("are not served when controls are disabled", async () => {
    const locked = await startEmulator({ port: 0, quiet: true, controls: false });
    try {
      expect((await fetch(`${locked.apiUrl}/__emulator/stats`)).status).toBe(404);
    } finally {
      await locked.close();
    }
  });
});
