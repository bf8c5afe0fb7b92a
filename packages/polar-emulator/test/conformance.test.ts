// Refresh, userinfo, revocation and introspection, until they get files of their own.
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { CONFIDENTIAL_CLIENT, refresh, signIn, type TokenSet } from "../src/testing.ts";
import { tokenManagement, userinfo as userinfoAt } from "./helpers.ts";

const APP_SCOPE = "openid profile email organizations:read products:read";

let url: string;
withEmulator((started) => {
  url = started;
});

const userinfo = (accessToken: string, method = "GET") => userinfoAt(url, accessToken, method);
const revoke = (params: Record<string, string>, auth: "post" | "basic" | "none" = "post") =>
  tokenManagement(url, "revoke", params, auth);

describe("token lifetime", () => {
  it("honours a custom access token lifetime", async () => {
    const short = await startEmulator({ port: 0, quiet: true, accessTokenTtl: 120 });
    try {
      expect((await signIn(short.apiUrl, { userId: ADA_ID })).expires_in).toBe(120);
    } finally {
      await short.close();
    }
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

  it("work for the public client without a secret", async () => {
    const first = await signIn(url, { userId: ADA_ID, clientAuth: "none" });
    const response = await refresh(url, first.refresh_token, "none");
    expect(response.status).toBe(200);
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
    const response = await revoke({ token: tokens.refresh_token }, "none");
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
      sub_type: "user",
      sub: ADA_ID,
      organizations: [ACME_ID],
      iss: url,
    });
    await revoke({ token: tokens.refresh_token });
    expect(await introspect(tokens.access_token)).toEqual({ active: false });
  });
});

