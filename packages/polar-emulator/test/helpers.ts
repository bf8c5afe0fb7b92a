// Calls the conformance tests share: what a client does with its tokens.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { CONFIDENTIAL_CLIENT, oauthPost, type ClientAuth } from "../src/testing.ts";

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
