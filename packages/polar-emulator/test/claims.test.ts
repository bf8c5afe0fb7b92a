// Claims in the ID token and from userinfo: a user is `sub` plus `email` and
// `email_verified` with the email scope, never a name; a legacy organization
// token is `sub` = the organization plus `name` = its slug with openid.
// Mirrors server/polar/oauth2/userinfo.py (`generate_user_info`),
// oauth2/endpoints/oauth2.py (userinfo GET and POST) and constants.py
// (CLAIMS_SUPPORTED, JWT_CONFIG exp 3600).
// Polar's own tests: server/tests/oauth2/endpoints/userinfo/test_userinfo.py.
import { describe, expect, it } from "vitest";
import { ADA_ID, GRACE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { idTokenClaims, userinfo } from "./helpers.ts";

const REGISTERED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "auth_time", "nonce", "at_hash", "sid"];

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const userClaims = (payload: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(payload).filter(([claim]) => !REGISTERED_CLAIMS.includes(claim) || claim === "sub"),
  );

describe("the ID token", () => {
  it("holds sub, email and email_verified with the email scope, and no name", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: "openid profile email" });
    const { payload } = await idTokenClaims(issuer, tokens.id_token);
    expect(userClaims(payload)).toEqual({ sub: ADA_ID, email: "ada@example.com", email_verified: true });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it("holds only sub without the email scope", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: GRACE_ID, scope: "openid profile" });
    expect(userClaims((await idTokenClaims(issuer, tokens.id_token)).payload)).toEqual({ sub: GRACE_ID });
  });
});

describe("userinfo", () => {
  it("returns a user's sub, email and email_verified with the email scope, no name, for GET and POST", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: "openid profile email" });
    const expected = { sub: ADA_ID, email: "ada@example.com", email_verified: true };
    expect(await userinfo(issuer, tokens.access_token)).toEqual({ status: 200, body: expected });
    expect(await userinfo(issuer, tokens.access_token, "POST")).toEqual({ status: 200, body: expected });
  });

  it("returns only sub without the email scope", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: "openid profile" });
    expect((await userinfo(issuer, tokens.access_token)).body).toEqual({ sub: ADA_ID });
  });

  it("returns a legacy organization token's sub and the organization's slug as name, with openid only", async () => {
    const legacy = async (scope: string) =>
      (
        (await (
          await control(issuer, "legacy-organization-token", { organization_id: NEBULA_ID, scope })
        ).json()) as TokenSet
      ).access_token;
    expect((await userinfo(issuer, await legacy("openid email"))).body).toEqual({
      sub: NEBULA_ID,
      name: "nebula-labs",
    });
    expect((await userinfo(issuer, await legacy("organizations:read"))).body).toEqual({ sub: NEBULA_ID });
  });

  it("refuses an unknown token with 401 invalid_token", async () => {
    const response = await fetch(`${issuer}/v1/oauth2/userinfo`, {
      headers: { authorization: "Bearer polar_at_u_unknown" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="polar", error="invalid_token"/);
    expect(await response.json()).toMatchObject({ error: "invalid_token" });
  });
});
