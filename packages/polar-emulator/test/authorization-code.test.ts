// The authorization code grant with PKCE, from the authorization page on the
// web origin to the token endpoint on the API origin.
// Mirrors server/polar/oauth2/endpoints/oauth2.py (authorize, consent, token),
// oauth2/grants/authorization_code.py and authlib's AuthorizationCodeGrant and
// CodeChallenge (oauth2/grants/__init__.py: plain or S256, plain by default,
// required from public clients only);
// `iss` on every redirect from polar PR #14131 (RFC 9207).
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (TestOAuth2Authorize, TestOAuth2Consent, TestOAuth2Token.test_authorization_code_*).
import { describe, expect, it } from "vitest";
import { ADA_ID, GRACE_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  authorizeUrl,
  CONFIDENTIAL_CLIENT,
  control,
  ORG_REDIRECT_URI,
  pkcePair,
  PUBLIC_CLIENT_ID,
  refresh,
  authorizationCodeTokens,
  tokenRequest,
  USER_REDIRECT_URI,
  type TokenSet,
} from "../src/testing.ts";
import { idTokenClaims, userinfo } from "./helpers.ts";

const APP_SCOPE = "openid profile email organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

/** Authorizes with a fresh PKCE pair and returns what the token request needs. */
async function codeFor(
  options: Parameters<typeof authorize>[1] = { userId: ADA_ID },
): Promise<Record<string, string>> {
  const { verifier, challenge } = pkcePair();
  const { callback } = await authorize(issuer, { ...options, codeChallenge: challenge });
  return {
    grant_type: "authorization_code",
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: options.redirectUri ?? USER_REDIRECT_URI,
    code_verifier: verifier,
  };
}

describe("authorization pages", () => {
  it("ask who signs in, labelled as the local emulator", async () => {
    const { loginHtml } = await authorize(issuer, { userId: ADA_ID, deny: true });
    expect(loginHtml).toContain("Polar emulator — local development");
    expect(loginHtml).toMatch(/<button[^>]*>Continue as Ada Lovelace<\/button>/);
    expect(loginHtml).toMatch(/<button[^>]*>Continue as Grace Hopper<\/button>/);
  });

  it("list the requested scopes with Polar's display names and offer Allow and Deny", async () => {
    const { consentHtml } = await authorize(issuer, { userId: ADA_ID, scope: APP_SCOPE, deny: true });
    for (const name of [
      "OpenID",
      "Read your profile",
      "Read your email address",
      "Read your organizations",
      "Read products",
    ]) {
      expect(consentHtml).toContain(name);
    }
    expect(consentHtml).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(consentHtml).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
    expect(consentHtml).not.toContain('type="radio" name="organizations"');
  });

  it("show an error page, not a redirect, for an unknown client", async () => {
    const response = await fetch(await authorizeUrl(issuer, { clientId: "polar_ci_unknown" }), {
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("invalid_client");
  });
});

describe("authorization response", () => {
  it("redirects back with a polar_ac_ code, the state and iss = the issuer", async () => {
    const { callback } = await authorize(issuer, { userId: ADA_ID, state: "xyz-state", nonce: "n-1" });
    expect(`${callback.origin}${callback.pathname}`).toBe(USER_REDIRECT_URI);
    expect(callback.searchParams.get("code")).toMatch(/^polar_ac_[\w-]{40,}$/);
    expect(callback.searchParams.get("state")).toBe("xyz-state");
    expect(callback.searchParams.get("iss")).toBe(issuer);
  });

  it("redirects with error=access_denied, the state and iss when the user denies", async () => {
    const { callback } = await authorize(issuer, { userId: ADA_ID, deny: true, state: "deny-state" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("deny-state");
    expect(callback.searchParams.get("iss")).toBe(issuer);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("rejects an unknown sub_type with a 400 invalid_request on Polar's page (test_authenticated_invalid_sub_type)", async () => {
    await expect(authorize(issuer, { userId: ADA_ID, subType: "team", state: "s" })).rejects.toThrow(
      /^emulator answered 400 at \/oauth2\/authorize: invalid_request: Invalid sub_type$/,
    );
  });
});

describe("token request", () => {
  it("answers like Polar: Bearer, prefixed tokens, expires_in, scope, id_token", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: APP_SCOPE });
    expect(Object.keys(tokens)).toEqual([
      "token_type",
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "id_token",
    ]);
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.access_token).toMatch(/^polar_at_u_[\w-]{40,}$/);
    expect(tokens.refresh_token).toMatch(/^polar_rt_u_[\w-]{40,}$/);
    expect(tokens.scope).toBe(APP_SCOPE);
  });

  it("signs an RS256 ID token for the user, issued by the API origin, echoing the nonce", async () => {
    const tokens = await authorizationCodeTokens(issuer, {
      userId: GRACE_ID,
      scope: APP_SCOPE,
      nonce: "nonce-123",
    });
    const { payload, protectedHeader } = await idTokenClaims(issuer, tokens.id_token);
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      iss: issuer,
      aud: CONFIDENTIAL_CLIENT.id,
      sub: GRACE_ID,
      nonce: "nonce-123",
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });
});

describe("PKCE", () => {
  it("is required from public clients: an authorization request without code_challenge is refused with iss", async () => {
    const response = await fetch(
      await authorizeUrl(issuer, { clientId: PUBLIC_CLIENT_ID, codeChallenge: null, state: "s" }),
      { redirect: "manual" },
    );
    const location = new URL(response.headers.get("location") ?? "", issuer);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(location.searchParams.get("iss")).toBe(issuer);
  });

  it("is optional for confidential clients: no challenge, no verifier", async () => {
    const { callback } = await authorize(issuer, { userId: ADA_ID, codeChallenge: null });
    const response = await tokenRequest(issuer, {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: USER_REDIRECT_URI,
    });
    expect(response.status).toBe(200);
  });

  it("accepts plain, named or implied by a challenge without a method, and checks its verifier", async () => {
    for (const codeChallengeMethod of ["plain", null] as const) {
      for (const [verifier, expected] of [
        ["v", 200],
        ["w", 400],
      ] as const) {
        const { verifier: plain } = pkcePair();
        const { callback } = await authorize(issuer, {
          userId: ADA_ID,
          clientId: PUBLIC_CLIENT_ID,
          codeChallenge: plain,
          codeChallengeMethod,
        });
        const response = await tokenRequest(
          issuer,
          {
            grant_type: "authorization_code",
            code: callback.searchParams.get("code") ?? "",
            redirect_uri: USER_REDIRECT_URI,
            code_verifier: verifier === "v" ? plain : pkcePair().verifier,
          },
          "none",
        );
        expect(response.status, `${codeChallengeMethod} ${verifier}`).toBe(expected);
      }
    }
  });

  it("is verified: a wrong or missing code_verifier gets invalid_grant", async () => {
    for (const verifier of [pkcePair().verifier, undefined]) {
      const params = await codeFor();
      if (verifier) params["code_verifier"] = verifier;
      else delete params["code_verifier"];
      const response = await tokenRequest(issuer, params);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    }
  });
});

describe("client authentication", () => {
  it("accepts client_secret_post and client_secret_basic for the confidential client", async () => {
    expect(
      (await authorizationCodeTokens(issuer, { userId: ADA_ID, clientAuth: "post" })).access_token,
    ).toMatch(/^polar_at_u_/);
    expect(
      (await authorizationCodeTokens(issuer, { userId: ADA_ID, clientAuth: "basic" })).access_token,
    ).toMatch(/^polar_at_u_/);
  });

  it("accepts the public client with no secret, PKCE doing the proof", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, clientAuth: "none" });
    expect(tokens.refresh_token).toMatch(/^polar_rt_u_/);
  });

  it("answers a wrong secret with 401 invalid_client", async () => {
    const response = await fetch(`${issuer}/v1/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: "polar_rt_u_x",
        client_id: CONFIDENTIAL_CLIENT.id,
        client_secret: "polar_cs_wrong-secret",
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: "invalid_client",
      error_description: expect.any(String),
    });
  });
});

describe("authorization codes", () => {
  it("are single use; a replayed code is invalid_grant and the first tokens stay valid", async () => {
    const params = await codeFor({ userId: ADA_ID, scope: APP_SCOPE });
    const first = (await (await tokenRequest(issuer, params)).json()) as TokenSet;
    const replay = await tokenRequest(issuer, params);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({
      error: "invalid_grant",
      error_description: "grant request is invalid",
    });
    expect((await userinfo(issuer, first.access_token)).status).toBe(200);
    expect((await refresh(issuer, first.refresh_token)).status).toBe(200);
  });

  it("must be redeemed at the redirect_uri they were issued for", async () => {
    const params = await codeFor();
    const response = await tokenRequest(issuer, { ...params, redirect_uri: ORG_REDIRECT_URI });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("expire after the code lifetime", async () => {
    await control(issuer, "settings", { code_ttl: 1 });
    const params = await codeFor();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await (await tokenRequest(issuer, params)).json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("token endpoint errors", () => {
  it("use OAuth error bodies: unsupported_grant_type, invalid_request", async () => {
    const unsupported = await tokenRequest(issuer, {
      grant_type: "password",
      username: "ada",
      password: "x",
    });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({ error: "unsupported_grant_type" });
    const missing = await tokenRequest(issuer, { grant_type: "refresh_token" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("refresh_token"),
    });
  });
});
