// Calls the conformance tests share: what a client does with its tokens.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { CONFIDENTIAL_CLIENT, oauthPost, type ClientAuth, type TokenSet } from "../src/testing.ts";

/** Verifies an ID token against the issuer's JWKS, with the issuer and the confidential client as audience. */
export async function idTokenClaims(issuer: string, idToken: string | undefined) {
  const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", issuer));
  return jwtVerify(idToken ?? "", jwks, { issuer, audience: CONFIDENTIAL_CLIENT.id });
}

export async function userinfo(issuer: string, accessToken: string, method = "GET") {
  const response = await fetch(`${issuer}/v1/oauth2/userinfo`, {
    method,
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null,
  };
}

/** A bearer GET on the API. */
export function apiGet(issuer: string, path: string, accessToken: string): Promise<Response> {
  return fetch(`${issuer}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}

/** The ids of the organizations `token` lists (GET /v1/organizations/), sorted. */
export async function organizationIds(issuer: string, token: TokenSet): Promise<string[]> {
  const page = (await (await apiGet(issuer, "/v1/organizations/", token.access_token)).json()) as {
    items: { id: string }[];
  };
  return page.items.map((org) => org.id).sort();
}

/** POSTs to the revocation or introspection endpoint as a seeded client. */
export function tokenManagement(
  issuer: string,
  endpoint: "revoke" | "introspect",
  params: Record<string, string>,
  clientAuth: ClientAuth = "post",
): Promise<Response> {
  return oauthPost(issuer, `/v1/oauth2/${endpoint}`, params, clientAuth);
}

export async function introspect(issuer: string, token: string): Promise<Record<string, unknown>> {
  return (await tokenManagement(issuer, "introspect", { token })).json() as Promise<Record<string, unknown>>;
}
