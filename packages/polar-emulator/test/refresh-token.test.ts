// Token lifetimes and the refresh token grant: codes give 10-day access
// tokens, refreshes 1-hour ones; each refresh rotates the refresh token with no
// grace period and revokes the old access token at the same moment.
// Mirrors server/polar/oauth2/grants/refresh_token.py (INCLUDE_NEW_REFRESH_TOKEN,
// `authenticate_refresh_token`, `revoke_old_credential`),
// oauth2/service/oauth2_token.py (`get_by_access_token` refuses a revoked row),
// models/oauth2_token.py and authlib's BearerTokenGenerator
// (GRANT_TYPES_EXPIRES_IN: authorization_code 864000, otherwise 3600).
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (TestOAuth2Token.test_refresh_token_sub_user, test_refresh_token_public_client),
// server/tests/oauth2/service/test_oauth2_token.py.
import { describe, expect, it } from "vitest";
import { ADA_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, refresh, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { userinfo } from "./helpers.ts";

const SCOPE = "openid email organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const refreshed = async (refreshToken: string) =>
  (await (await refresh(issuer, refreshToken)).json()) as TokenSet;

describe("access token lifetimes", () => {
  it("are 864000 s from the code exchange and 3600 s from a refresh", async () => {
    const first = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(first.expires_in).toBe(864_000);
    expect((await refreshed(first.refresh_token)).expires_in).toBe(3600);
  });

  it("follow the access_token_ttl setting for both grants, and Polar's again with null", async () => {
    await control(issuer, "settings", { access_token_ttl: 65 });
    const first = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(first.expires_in).toBe(65);
    const second = await refreshed(first.refresh_token);
    expect(second.expires_in).toBe(65);
    await control(issuer, "settings", { access_token_ttl: null });
    expect((await refreshed(second.refresh_token)).expires_in).toBe(3600);
  });

  it("follow the accessTokenTtl option of startEmulator", async () => {
    const short = await startEmulator({ port: 0, quiet: true, accessTokenTtl: 120 });
    try {
      expect((await authorizationCodeTokens(short.apiUrl, { userId: ADA_ID })).expires_in).toBe(120);
    } finally {
      await short.close();
    }
  });

  it("end with a 401 once passed", async () => {
    await control(issuer, "settings", { access_token_ttl: 1 });
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
  });
});

describe("a refresh", () => {
  it("rotates the refresh token, keeps the scope and carries no ID token", async () => {
    const first = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const second = await refreshed(first.refresh_token);
    expect(Object.keys(second)).toEqual([
      "token_type",
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
    ]);
    expect(second.refresh_token).toMatch(/^polar_rt_u_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.scope).toBe(SCOPE);
  });

  it("makes the old refresh token invalid_grant and the old access token 401 at once; the new pair works", async () => {
    const first = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const second = await refreshed(first.refresh_token);
    const reused = await refresh(issuer, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: "invalid_grant",
      error_description: "grant request is invalid",
    });
    expect((await userinfo(issuer, first.access_token)).status).toBe(401);
    expect((await userinfo(issuer, second.access_token)).status).toBe(200);
    expect((await refreshed(second.refresh_token)).refresh_token).toMatch(/^polar_rt_u_/);
  });

  it("of two concurrent ones with the same token, lets exactly one win", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID });
    const results = await Promise.all([
      refresh(issuer, tokens.refresh_token),
      refresh(issuer, tokens.refresh_token),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 400]);
  });

  it("works for the public client without a secret", async () => {
    const first = await authorizationCodeTokens(issuer, { userId: ADA_ID, clientAuth: "none" });
    expect((await refresh(issuer, first.refresh_token, "none")).status).toBe(200);
  });
});
