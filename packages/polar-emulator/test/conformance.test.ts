// The emulator's authorization server against Polar's documented and coded behaviour.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, GRACE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
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
  signIn,
  tokenRequest,
  USER_REDIRECT_URI,
  type TokenSet,
} from "../src/testing.ts";

const APP_SCOPE = "openid profile email organizations:read products:read";

let url: string;
withEmulator((started) => {
  url = started;
});

async function idTokenClaims(idToken: string | undefined) {
  const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", url));
  const { payload, protectedHeader } = await jwtVerify(idToken ?? "", jwks, {
    issuer: url,
    audience: CONFIDENTIAL_CLIENT.id,
  });
  return { payload, protectedHeader };
}

async function userinfo(accessToken: string, method = "GET") {
  const response = await fetch(`${url}/v1/oauth2/userinfo`, { method, headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function revoke(params: Record<string, string>, auth: "post" | "basic" | "public" = "post") {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  if (auth === "basic") {
    headers["authorization"] = `Basic ${Buffer.from(`${CONFIDENTIAL_CLIENT.id}:${CONFIDENTIAL_CLIENT.secret}`).toString("base64")}`;
  } else if (auth === "post") {
    body.set("client_id", CONFIDENTIAL_CLIENT.id);
    body.set("client_secret", CONFIDENTIAL_CLIENT.secret);
  } else {
    body.set("client_id", PUBLIC_CLIENT_ID);
  }
  return fetch(`${url}/v1/oauth2/revoke`, { method: "POST", headers, body });
}

describe("discovery", () => {
  it("serves Polar's OpenID configuration, identical at both well-known paths", async () => {
    const openid = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as { scopes_supported: string[] };
    const oauth = await (await fetch(`${url}/.well-known/oauth-authorization-server`)).json();
    expect(oauth).toEqual(openid);
    expect(openid).toMatchObject({
      issuer: url,
      authorization_endpoint: `${url}/oauth2/authorize`,
      token_endpoint: `${url}/v1/oauth2/token`,
      userinfo_endpoint: `${url}/v1/oauth2/userinfo`,
      revocation_endpoint: `${url}/v1/oauth2/revoke`,
      introspection_endpoint: `${url}/v1/oauth2/introspect`,
      jwks_uri: `${url}/.well-known/jwks.json`,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["public"],
      claims_supported: ["sub", "name", "email", "email_verified"],
      code_challenge_methods_supported: ["S256"],
    });
    expect(openid.scopes_supported).toEqual(expect.arrayContaining(APP_SCOPE.split(" ").concat("metrics:read")));
    expect(openid.scopes_supported).not.toContain("web:read");
  });

  it("publishes a public RS256 signing key", async () => {
    const { keys } = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]?.["kid"]).toEqual(expect.any(String));
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(secret);
  });
});

describe("authorization pages", () => {
  it("asks which seeded account to use, labelled as the local emulator", async () => {
    const { loginHtml: page } = await authorize(url, { userId: ADA_ID, deny: true });
    expect(page).toContain("Polar emulator — local development");
    expect(page).toMatch(/<button[^>]*>Continue as Ada Lovelace<\/button>/);
    expect(page).toMatch(/<button[^>]*>Continue as Grace Hopper<\/button>/);
    expect(page).toContain('<form method="post"');
  });

  it("lists the requested scopes with Polar's display names and offers Allow and Deny", async () => {
    const { consentHtml } = await authorize(url, { userId: ADA_ID, scope: APP_SCOPE, deny: true });
    for (const name of ["OpenID", "Read your profile", "Read your email address", "Read your organizations", "Read products"]) {
      expect(consentHtml).toContain(name);
    }
    expect(consentHtml).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(consentHtml).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
    expect(consentHtml).not.toContain('type="radio"');
  });

  it("shows an organization picker with the user's organizations for sub_type=organization", async () => {
    const { consentHtml } = await authorize(url, { userId: ADA_ID, subType: "organization", redirectUri: ORG_REDIRECT_URI, deny: true });
    expect(consentHtml).toMatch(new RegExp(`type="radio" name="organization_id" value="${ACME_ID}"`));
    expect(consentHtml).toMatch(new RegExp(`type="radio" name="organization_id" value="${NEBULA_ID}"`));
    expect(consentHtml).toContain("Acme Analytics");
    expect(consentHtml).toContain("Nebula Labs");
    expect(consentHtml).not.toContain("Compiler Club");
  });

  it("refuses Allow without a chosen organization", async () => {
    await expect(
      authorize(url, { userId: ADA_ID, subType: "organization", redirectUri: ORG_REDIRECT_URI }),
    ).rejects.toThrow(/emulator answered 400 at \/oauth2\/interaction\/.*Choose the organization/);
  });

  it("shows an error page, not a redirect, for an unknown client", async () => {
    const response = await fetch(authorizeUrl(url, { userId: ADA_ID, clientId: "polar_ci_unknown" }), { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("invalid_client");
  });
});

describe("authorization code flow", () => {
  it("redirects back with a polar_ac_ code and the state, and no iss parameter", async () => {
    const { callback } = await authorize(url, { userId: ADA_ID, state: "xyz-state", nonce: "n-1" });
    expect(`${callback.origin}${callback.pathname}`).toBe(USER_REDIRECT_URI);
    expect(callback.searchParams.get("code")).toMatch(/^polar_ac_[\w-]{40,}$/);
    expect(callback.searchParams.get("state")).toBe("xyz-state");
    expect(callback.searchParams.has("iss")).toBe(false);
  });

  it("answers the token request like Polar: Bearer, prefixed tokens, expires_in, scope, id_token", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    expect(Object.keys(tokens)).toEqual(["token_type", "access_token", "expires_in", "refresh_token", "scope", "id_token"]);
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.access_token).toMatch(/^polar_at_u_[\w-]{40,}$/);
    expect(tokens.refresh_token).toMatch(/^polar_rt_u_[\w-]{40,}$/);
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe(APP_SCOPE);
  });

  it("signs an ID token for the user with name, email and email_verified, echoing the nonce", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE, nonce: "nonce-123" });
    const { payload, protectedHeader } = await idTokenClaims(tokens.id_token);
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: ADA_ID,
      name: "Ada Lovelace",
      email: "ada@example.com",
      email_verified: true,
      nonce: "nonce-123",
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it("keeps email out of the ID token when the email scope is not granted", async () => {
    const tokens = await signIn(url, { userId: GRACE_ID, scope: "openid profile" });
    const { payload } = await idTokenClaims(tokens.id_token);
    expect(payload).toMatchObject({ sub: GRACE_ID, name: "Grace Hopper" });
    expect(payload).not.toHaveProperty("email");
  });

  it("ties sub_type=organization tokens to the chosen organization", async () => {
    const tokens = await signIn(url, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: NEBULA_ID,
      scope: "openid profile email products:read",
    });
    expect(tokens.access_token).toMatch(/^polar_at_o_/);
    expect(tokens.refresh_token).toMatch(/^polar_rt_o_/);
    const { payload } = await idTokenClaims(tokens.id_token);
    expect(payload).toMatchObject({ sub: NEBULA_ID, name: "Nebula Labs" });
    expect(payload).not.toHaveProperty("email");
  });

  it("redirects with error=access_denied and the state when the user denies", async () => {
    const { callback } = await authorize(url, { userId: ADA_ID, deny: true, state: "deny-state" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("deny-state");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("rejects an unknown sub_type with invalid_request", async () => {
    const { callback } = await authorize(url, { userId: ADA_ID, subType: "team", state: "s" });
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toBe("Invalid sub_type");
  });

  it("rejects unknown scopes and scopes the client may not request with invalid_scope", async () => {
    const unknown = await authorize(url, { userId: ADA_ID, scope: "openid nonsense:read", state: "s" });
    expect(unknown.callback.searchParams.get("error")).toBe("invalid_scope");
    expect(unknown.callback.searchParams.get("state")).toBe("s");
    const notAllowed = await authorize(url, { userId: ADA_ID, scope: "openid webhooks:write" });
    expect(notAllowed.callback.searchParams.get("error")).toBe("invalid_scope");
  });
});

describe("PKCE", () => {
  it("is required: an authorization request without code_challenge is refused", async () => {
    const response = await fetch(authorizeUrl(url, { userId: ADA_ID, codeChallenge: null, state: "s" }), { redirect: "manual" });
    const location = new URL(response.headers.get("location") ?? "", url);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("is verified: a wrong or missing code_verifier gets invalid_grant", async () => {
    const { challenge } = pkcePair();
    for (const verifier of [pkcePair().verifier, undefined]) {
      const { callback } = await authorize(url, { userId: ADA_ID, codeChallenge: challenge });
      const response = await tokenRequest(url, {
        grant_type: "authorization_code",
        code: callback.searchParams.get("code") ?? "",
        redirect_uri: USER_REDIRECT_URI,
        ...(verifier ? { code_verifier: verifier } : {}),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    }
  });
});

describe("client authentication", () => {
  it("accepts client_secret_post and client_secret_basic for the confidential client", async () => {
    expect((await signIn(url, { userId: ADA_ID, clientAuth: "post" })).access_token).toMatch(/^polar_at_u_/);
    expect((await signIn(url, { userId: ADA_ID, clientAuth: "basic" })).access_token).toMatch(/^polar_at_u_/);
  });

  it("accepts the public client with no secret, PKCE doing the proof", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, clientAuth: "none" });
    expect(tokens.refresh_token).toMatch(/^polar_rt_u_/);
  });

  it("answers a wrong secret with 401 invalid_client", async () => {
    const response = await fetch(`${url}/v1/oauth2/token`, {
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
    expect(await response.json()).toMatchObject({ error: "invalid_client", error_description: expect.any(String) });
  });
});

describe("authorization codes", () => {
  it("are single use; a replayed code is invalid_grant and the first tokens stay valid", async () => {
    const { verifier, challenge } = pkcePair();
    const { callback } = await authorize(url, { userId: ADA_ID, codeChallenge: challenge, scope: APP_SCOPE });
    const params = {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: USER_REDIRECT_URI,
      code_verifier: verifier,
    };
    const first = (await (await tokenRequest(url, params)).json()) as TokenSet;
    const replay = await tokenRequest(url, params);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: "invalid_grant", error_description: "grant request is invalid" });
    expect((await userinfo(first.access_token)).status).toBe(200);
    expect((await refresh(url, first.refresh_token)).status).toBe(200);
  });

  it("must be redeemed at the redirect_uri they were issued for", async () => {
    const { verifier, challenge } = pkcePair();
    const { callback } = await authorize(url, { userId: ADA_ID, codeChallenge: challenge });
    const response = await tokenRequest(url, {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: ORG_REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("expire after the code lifetime", async () => {
    await control(url, "settings", { code_ttl: 1 });
    const { verifier, challenge } = pkcePair();
    const { callback } = await authorize(url, { userId: ADA_ID, codeChallenge: challenge });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await tokenRequest(url, {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: USER_REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("refresh tokens", () => {
  it("rotate on every use; the old one is then invalid_grant and the grant stays alive", async () => {
    const first = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    const second = (await (await refresh(url, first.refresh_token)).json()) as TokenSet;
    expect(second.refresh_token).toMatch(/^polar_rt_u_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.scope).toBe(APP_SCOPE);
    expect(second).not.toHaveProperty("id_token");

    const reused = await refresh(url, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: "invalid_grant", error_description: "grant request is invalid" });

    // Polar revokes only the rotated token, not the grant.
    expect((await userinfo(second.access_token)).status).toBe(200);
    const third = (await (await refresh(url, second.refresh_token)).json()) as TokenSet;
    expect(third.refresh_token).toMatch(/^polar_rt_u_/);
    expect(third.refresh_token).not.toBe(second.refresh_token);
  });

  it("let exactly one of two concurrent refreshes with the same token win", async () => {
    const tokens = await signIn(url, { userId: ADA_ID });
    const results = await Promise.all([refresh(url, tokens.refresh_token), refresh(url, tokens.refresh_token)]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 400]);
  });

  it("keep the organization subject and prefixes", async () => {
    const first = await signIn(url, { userId: ADA_ID, subType: "organization", organizationId: ACME_ID, scope: "openid products:read" });
    const second = (await (await refresh(url, first.refresh_token)).json()) as TokenSet;
    expect(second.access_token).toMatch(/^polar_at_o_/);
    expect(second.refresh_token).toMatch(/^polar_rt_o_/);
    expect((await userinfo(second.access_token)).body).toEqual({ sub: ACME_ID, name: "Acme Analytics" });
  });

  it("work for the public client without a secret", async () => {
    const first = await signIn(url, { userId: ADA_ID, clientAuth: "none" });
    const response = await refresh(url, first.refresh_token, "none");
    expect(response.status).toBe(200);
  });
});

describe("userinfo", () => {
  it("returns the user's claims per scope, for GET and POST", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    const expected = { sub: ADA_ID, name: "Ada Lovelace", email: "ada@example.com", email_verified: true };
    expect(await userinfo(tokens.access_token)).toEqual({ status: 200, body: expected });
    expect(await userinfo(tokens.access_token, "POST")).toEqual({ status: 200, body: expected });
    const noEmail = await signIn(url, { userId: ADA_ID, scope: "openid profile" });
    expect((await userinfo(noEmail.access_token)).body).toEqual({ sub: ADA_ID, name: "Ada Lovelace" });
  });

  it("returns only sub and name for an organization token", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, subType: "organization", organizationId: NEBULA_ID, scope: "openid email" });
    expect((await userinfo(tokens.access_token)).body).toEqual({ sub: NEBULA_ID, name: "Nebula Labs" });
  });

  it("refuses a missing or unknown token with 401 invalid_token", async () => {
    const response = await fetch(`${url}/v1/oauth2/userinfo`, { headers: { authorization: "Bearer polar_at_u_unknown" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="polar", error="invalid_token"/);
    expect(await response.json()).toMatchObject({ error: "invalid_token" });
  });
});

describe("revocation (RFC 7009)", () => {
  it("revokes a refresh token together with the access token issued with it", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    const response = await revoke({ token: tokens.refresh_token, token_type_hint: "refresh_token" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect((await refresh(url, tokens.refresh_token)).status).toBe(400);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });

  it("revokes only the access token with token_type_hint=access_token", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    expect((await revoke({ token: tokens.access_token, token_type_hint: "access_token" }, "basic")).status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect((await refresh(url, tokens.refresh_token)).status).toBe(200);
  });

  it("revokes both tokens of the pair when an access token comes without hint", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, scope: APP_SCOPE });
    expect((await revoke({ token: tokens.access_token })).status).toBe(200);
    expect((await refresh(url, tokens.refresh_token)).status).toBe(400);
  });

  it("answers 200 for an unknown token, 400 without token or with a bad hint", async () => {
    expect((await revoke({ token: "polar_rt_u_unknown" })).status).toBe(200);
    const missing = await revoke({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const badHint = await revoke({ token: "x", token_type_hint: "id_token" });
    expect(await badHint.json()).toMatchObject({ error: "unsupported_token_type" });
  });

  it("requires a confidential client, like Polar's revocation endpoint", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, clientAuth: "none" });
    const response = await revoke({ token: tokens.refresh_token }, "public");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});

describe("introspection", () => {
  it("describes live tokens and reports revoked ones inactive", async () => {
    const tokens = await signIn(url, { userId: ADA_ID, subType: "organization", organizationId: ACME_ID, scope: "openid products:read" });
    const introspect = async (token: string) =>
      (await fetch(`${url}/v1/oauth2/introspect`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token, client_id: CONFIDENTIAL_CLIENT.id, client_secret: CONFIDENTIAL_CLIENT.secret }),
      }).then((response) => response.json())) as Record<string, unknown>;
    expect(await introspect(tokens.access_token)).toMatchObject({
      active: true,
      client_id: CONFIDENTIAL_CLIENT.id,
      token_type: "access_token",
      scope: "openid products:read",
      sub_type: "organization",
      sub: ACME_ID,
      iss: url,
    });
    await revoke({ token: tokens.refresh_token });
    expect(await introspect(tokens.access_token)).toEqual({ active: false });
  });
});

describe("token endpoint errors", () => {
  it("uses OAuth error bodies: unsupported_grant_type, invalid_request", async () => {
    const unsupported = await tokenRequest(url, { grant_type: "password", username: "ada", password: "x" });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({ error: "unsupported_grant_type" });
    const missing = await tokenRequest(url, { grant_type: "refresh_token" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("refresh_token") });
  });

  it("honours a custom access token lifetime", async () => {
    const short = await startEmulator({ port: 0, quiet: true, accessTokenTtl: 120 });
    try {
      expect((await signIn(short.url, { userId: ADA_ID })).expires_in).toBe(120);
    } finally {
      await short.close();
    }
  });
});

describe("Polar dashboard links", () => {
  it("land on a stand-in page for a known organization and 404 for others", async () => {
    const known = await fetch(`${url}/dashboard/acme-analytics/products`);
    expect(known.status).toBe(200);
    expect(await known.text()).toContain("Acme Analytics on Polar");
    expect((await fetch(`${url}/dashboard/no-such-org`)).status).toBe(404);
  });
});
