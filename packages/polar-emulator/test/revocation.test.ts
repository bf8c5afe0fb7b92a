// Revocation (RFC 7009) and introspection (RFC 7662). An access token and its
// refresh token are one row: revoking either revokes both.
// Mirrors server/polar/oauth2/authorization_server.py (RevocationEndpoint
// `revoke_token`, IntrospectionEndpoint, `_QueryTokenMixin.query_token`),
// models/oauth2_token.py (`get_introspection_data`, authlib's `is_revoked`)
// and authlib's rfc7009/rfc7662 endpoints (unknown token → 200, confidential
// clients only).
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py.
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { CONFIDENTIAL_CLIENT, control, refresh, authorizationCodeTokens } from "../src/testing.ts";
import { introspect, tokenManagement, userinfo } from "./helpers.ts";

const SCOPE = "openid email organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const revoke = (params: Record<string, string>, clientAuth: "post" | "basic" | "none" = "post") =>
  tokenManagement(issuer, "revoke", params, clientAuth);

describe("revocation", () => {
  it("of a refresh token kills its access token too", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const response = await revoke({ token: tokens.refresh_token, token_type_hint: "refresh_token" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect((await refresh(issuer, tokens.refresh_token)).status).toBe(400);
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
  });

  it("leaves the user's other token rows alone", async () => {
    const one = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const other = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await revoke({ token: one.access_token });
    expect((await userinfo(issuer, other.access_token)).status).toBe(200);
    expect((await refresh(issuer, other.refresh_token)).status).toBe(200);
  });

  it("answers 200 for an unknown token, 400 without a token", async () => {
    expect((await revoke({ token: "polar_rt_u_unknown" })).status).toBe(200);
    const missing = await revoke({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
  });

  it("requires a confidential client", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, clientAuth: "none" });
    const response = await revoke({ token: tokens.refresh_token }, "none");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});

// token_type_hint: authorization_server.py `_QueryTokenMixin.query_token` (the
// hint restricts the lookup, no fallback), `RevocationEndpoint.revoke_token`
// (an access_token hint marks only the access token), grants/refresh_token.py
// `authenticate_refresh_token` (a row with either mark is refused), authlib
// 1.7.2 rfc7009 `check_params` (UnsupportedTokenTypeError: 401).
describe("token_type_hint", () => {
  it("that does not match the token revokes nothing and still answers 200 {}", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    for (const [token, hint] of [
      [tokens.refresh_token, "access_token"],
      [tokens.access_token, "refresh_token"],
    ] as const) {
      const response = await revoke({ token, token_type_hint: hint });
      expect([response.status, await response.json()]).toEqual([200, {}]);
    }
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
    expect((await refresh(issuer, tokens.refresh_token)).status).toBe(200);
    expect(await control(issuer, "stats").then((response) => response.json())).toMatchObject({
      revocations: 0,
    });
  });

  it("that is neither access_token nor refresh_token is 401 unsupported_token_type, revoking nothing", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const response = await revoke({ token: tokens.refresh_token, token_type_hint: "id_token" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unsupported_token_type" });
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect((await refresh(issuer, tokens.refresh_token)).status).toBe(200);
  });

  it("access_token, matching, kills the access token, and the refresh grant then refuses the refresh token", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect((await revoke({ token: tokens.access_token, token_type_hint: "access_token" })).status).toBe(200);
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
    expect(await introspect(issuer, tokens.refresh_token)).toEqual({ active: false });
    const refused = await refresh(issuer, tokens.refresh_token);
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error: "invalid_grant", error_description: "grant request is invalid" },
    ]);
    expect((await revoke({ token: tokens.refresh_token, token_type_hint: "refresh_token" })).status).toBe(
      200,
    );
  });
});

describe("introspection", () => {
  it("describes a live row, from either of its tokens, like Polar's get_introspection_data", async () => {
    const tokens = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: ACME_ID,
      scope: SCOPE,
    });
    const expected = {
      active: true,
      client_id: CONFIDENTIAL_CLIENT.id,
      token_type: "Bearer",
      scope: SCOPE,
      sub_type: "user",
      sub: ADA_ID,
      organizations: [ACME_ID],
      aud: CONFIDENTIAL_CLIENT.id,
      iss: issuer,
      exp: expect.any(Number),
      iat: expect.any(Number),
    };
    const access = await introspect(issuer, tokens.access_token);
    expect(access).toEqual(expected);
    expect(Number(access["exp"]) - Number(access["iat"])).toBe(tokens.expires_in);
    expect(await introspect(issuer, tokens.refresh_token)).toEqual(access);
  });

  it("answers only active: false for a revoked, expired or unknown token", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await revoke({ token: tokens.refresh_token });
    expect(await introspect(issuer, tokens.access_token)).toEqual({ active: false });
    expect(await introspect(issuer, "polar_at_u_unknown")).toEqual({ active: false });
    await control(issuer, "settings", { clock_skew_seconds: 900_000 });
    const expired = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(await introspect(issuer, expired.access_token)).toEqual({ active: false });
  });
});
