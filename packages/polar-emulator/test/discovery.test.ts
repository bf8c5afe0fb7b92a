// Discovery and keys, on Polar's two origins.
// Mirrors server/polar/oauth2/metadata.py `get_server_metadata`,
// oauth2/authorization_server.py (grant types from the registered grants,
// authorization_code, refresh_token and web; PKCE methods from authlib's
// CodeChallenge, plain and S256; both in set order), auth/scope.py
// SCOPES_SUPPORTED (every scope but organization_access_tokens:read/write),
// oauth2/endpoints/well_known.py and PRs #14070 (the issuer is the API
// origin), #14131 (RFC 9207 `iss`) and #14132 (/.well-known/oauth-authorization-server).
// Polar's own test: server/tests/oauth2/endpoints/test_well_known.py.
import { describe, expect, it } from "vitest";
import { withEmulator } from "../src/vitest.ts";

let issuer: string;
let webUrl: string;
withEmulator((started, emulator) => {
  issuer = started;
  webUrl = emulator.webUrl;
});

describe("discovery", () => {
  it("names the API origin as issuer and the web origin for the authorization endpoint", async () => {
    const openid = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      scopes_supported: string[];
      grant_types_supported: string[];
      code_challenge_methods_supported: string[];
    };
    const oauth = await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json();
    expect(oauth).toEqual(openid);
    expect(new URL(issuer).origin).not.toBe(new URL(webUrl).origin);
    expect(openid).toMatchObject({
      issuer,
      authorization_endpoint: `${webUrl}/oauth2/authorize`,
      token_endpoint: `${issuer}/v1/oauth2/token`,
      userinfo_endpoint: `${issuer}/v1/oauth2/userinfo`,
      revocation_endpoint: `${issuer}/v1/oauth2/revoke`,
      introspection_endpoint: `${issuer}/v1/oauth2/introspect`,
      registration_endpoint: `${issuer}/v1/oauth2/register`,
      service_documentation: "https://polar.sh/docs",
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["public"],
      claims_supported: ["sub", "name", "email", "email_verified"],
      authorization_response_iss_parameter_supported: true,
    });
    expect([...openid.grant_types_supported].sort()).toEqual(["authorization_code", "refresh_token", "web"]);
    expect([...openid.code_challenge_methods_supported].sort()).toEqual(["S256", "plain"]);
    expect(openid.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "email", "organizations:read", "metrics:read", "disputes:write"]),
    );
    expect(openid.scopes_supported).toHaveLength(61);
    for (const reserved of [
      "organization_access_tokens:read",
      "organization_access_tokens:write",
      "web:read",
    ])
      expect(openid.scopes_supported).not.toContain(reserved);
  });

  it("publishes a public RS256 signing key", async () => {
    const { keys } = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]?.["kid"]).toEqual(expect.any(String));
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(secret);
  });
});

describe("two origins", () => {
  it("answer 404 for each other's paths", async () => {
    for (const path of [
      "/.well-known/openid-configuration",
      "/.well-known/jwks.json",
      "/v1/organizations/",
      "/__emulator/stats",
    ]) {
      expect((await fetch(`${webUrl}${path}`)).status, `web ${path}`).toBe(404);
    }
    expect((await fetch(`${webUrl}/v1/oauth2/token`, { method: "POST" })).status).toBe(404);
    for (const path of ["/oauth2/authorize?client_id=x", "/dashboard/acme-analytics", "/"]) {
      expect((await fetch(`${issuer}${path}`)).status, `API ${path}`).toBe(404);
    }
  });

  it("serve the dashboard pages the app links to on the web origin, 404 for unknown organizations", async () => {
    const known = await fetch(`${webUrl}/dashboard/acme-analytics/products`);
    expect(known.status).toBe(200);
    expect(await known.text()).toContain("Acme Analytics on Polar");
    expect((await fetch(`${webUrl}/dashboard/no-such-org`)).status).toBe(404);
  });
});
