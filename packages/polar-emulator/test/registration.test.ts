// Dynamic client registration (RFC 7591) at POST /v1/oauth2/register, anonymous
// allowed: a registered client is then found and used like any other, for an
// authorization, a token exchange, a refresh and a revocation, until a reset.
// Mirrors server/polar/oauth2/endpoints/oauth2.py `create`,
// oauth2/authorization_server.py ClientRegistrationEndpoint (no client_secret
// for `none`), oauth2/schemas.py OAuth2ClientConfiguration (FastAPI's 422 for
// its fields, https unless localhost), authlib's rfc7591 endpoint (201,
// invalid_client_metadata for a scope outside SCOPES_SUPPORTED) and
// oauth2/constants.py prefixes.
import { describe, expect, it } from "vitest";
import { ADA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { authorize, authorizeUrl, control, pkcePair } from "../src/testing.ts";
import { introspect } from "./helpers.ts";

const REDIRECT_URI = "http://localhost:5173/callback";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const register = (body: unknown) =>
  fetch(`${issuer}/v1/oauth2/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const form = (url: string, params: Record<string, string>) =>
  fetch(`${issuer}${url}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });

describe("registering a client", () => {
  it("answers 201 with its metadata, a polar_ci_ id, a polar_cs_ secret and a registration token", async () => {
    const response = await register({
      client_name: "Dynamic",
      redirect_uris: [REDIRECT_URI],
      scope: "openid email",
    });
    expect(response.status).toBe(201);
    const client = (await response.json()) as Record<string, unknown>;
    expect(client).toEqual({
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: "openid email",
      client_name: "Dynamic",
      client_id: expect.stringMatching(/^polar_ci_/),
      client_secret: expect.stringMatching(/^polar_cs_/),
      client_id_issued_at: expect.any(Number),
      client_secret_expires_at: 0,
      registration_client_uri: `${issuer}/v1/oauth2/register/${String(client["client_id"])}`,
      registration_access_token: expect.stringMatching(/^polar_crt_/),
    });
  });

  it("gives a client that then authorizes, exchanges its code, refreshes and revokes", async () => {
    const client = (await (
      await register({
        client_name: "Dynamic",
        redirect_uris: [REDIRECT_URI],
        scope: "openid email organizations:read",
      })
    ).json()) as { client_id: string; client_secret: string };
    const credentials = { client_id: client.client_id, client_secret: client.client_secret };
    const { verifier, challenge } = pkcePair();
    const { callback, consentHtml } = await authorize(issuer, {
      userId: ADA_ID,
      clientId: client.client_id,
      redirectUri: REDIRECT_URI,
      scope: null,
      codeChallenge: challenge,
    });
    expect(consentHtml).toContain("Dynamic wants to access");
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    const tokens = (await (
      await form("/v1/oauth2/token", {
        grant_type: "authorization_code",
        code: callback.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        ...credentials,
      })
    ).json()) as Record<string, string>;
    expect(tokens["scope"]).toBe("openid email organizations:read");
    const refreshed = await form("/v1/oauth2/token", {
      grant_type: "refresh_token",
      refresh_token: tokens["refresh_token"] ?? "",
      ...credentials,
    });
    expect(refreshed.status).toBe(200);
    const { access_token } = (await refreshed.json()) as { access_token: string };
    const own = await form("/v1/oauth2/introspect", { token: access_token, ...credentials });
    expect(await own.json()).toMatchObject({ active: true, client_id: client.client_id, sub: ADA_ID });
    expect(await introspect(issuer, access_token)).toEqual({ active: false });
    expect((await form("/v1/oauth2/revoke", { token: access_token, ...credentials })).status).toBe(200);
  });

  it("as a public client gives no secret, and its authorizations need PKCE", async () => {
    const client = (await (
      await register({
        client_name: "Native",
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: "none",
      })
    ).json()) as Record<string, unknown>;
    expect(client).not.toHaveProperty("client_secret");
    expect(client).not.toHaveProperty("client_secret_expires_at");
    expect(client["scope"]).toEqual(expect.stringContaining("disputes:write"));
    const refused = await fetch(
      await authorizeUrl(issuer, {
        clientId: String(client["client_id"]),
        redirectUri: REDIRECT_URI,
        codeChallenge: null,
      }),
      { redirect: "manual" },
    );
    expect(new URL(refused.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
  });

  it("is forgotten by a reset", async () => {
    const client = (await (
      await register({ client_name: "Dynamic", redirect_uris: [REDIRECT_URI] })
    ).json()) as {
      client_id: string;
    };
    await control(issuer, "reset", {});
    const page = await fetch(
      await authorizeUrl(issuer, { clientId: client.client_id, redirectUri: REDIRECT_URI }),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("invalid_client");
  });
});

describe("a registration Polar refuses", () => {
  it("answers FastAPI's 422 for a missing field or an http redirect URI off localhost", async () => {
    const missing = await register({ redirect_uris: [REDIRECT_URI] });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      error: "RequestValidationError",
      detail: [{ type: "missing", loc: ["body", "client_name"], msg: "Field required", input: null }],
    });
    const insecure = await register({ client_name: "x", redirect_uris: ["http://app.example/callback"] });
    expect(await insecure.json()).toMatchObject({
      error: "RequestValidationError",
      detail: [
        {
          type: "value_error",
          loc: ["body", "redirect_uris", 0],
          msg: "Value error, An HTTPS URL is required.",
        },
      ],
    });
    expect((await register({ client_name: "x", redirect_uris: ["http://192.168.1.20/cb"] })).status).toBe(
      201,
    );
    expect(
      (
        await register({
          client_name: "x",
          redirect_uris: [REDIRECT_URI],
          token_endpoint_auth_method: "private_key_jwt",
        })
      ).status,
    ).toBe(422);
  });

  it("answers 400 invalid_client_metadata for a scope outside discovery's list", async () => {
    const response = await register({
      client_name: "x",
      redirect_uris: [REDIRECT_URI],
      scope: "openid organization_access_tokens:write",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_client_metadata",
      error_description: 'Invalid claim "scope"',
    });
  });
});
