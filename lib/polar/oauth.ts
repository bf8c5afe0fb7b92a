import "server-only";
import * as oauth from "oauth4webapi";
import { tokenFreeError } from "@/lib/security/token-free-error";
import { authorizationServer, httpAllowed } from "./discovery";
import { polarServer } from "./server";

// @polar-sh/sdk 1.0.1's requestToken/revokeToken send no form body, so token
// refresh and revocation use oauth4webapi, the OAuth client Auth.js itself uses,
// against the endpoints from Polar's discovery document.
const client: oauth.Client = { client_id: polarServer.clientId };
const clientAuth = oauth.ClientSecretPost(polarServer.clientSecret);

export const REFRESH_TIMEOUT_MS = 10_000;

export interface PolarTokens {
  access_token: string;
  refresh_token: string | null;
  id_token: string | null;
  expires_at: number | null;
  token_type: string | null;
  scope: string | null;
}

/**
 * Runs a token request; its errors are rethrown without Polar's answer, which
 * may hold tokens (see tokenFreeError).
 */
async function tokenRequest<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw tokenFreeError(error);
  }
}

/** Exchanges a refresh token; Polar rotates it, so the old one is dead once this returns. */
export function refreshTokens(refreshToken: string): Promise<PolarTokens> {
  return tokenRequest(async () => {
    const as = await authorizationServer();
    const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, {
      ...httpAllowed,
      // Well inside the refresh transaction's timeout (lib/auth/refresh.ts), so a
      // slow Polar fails the request, not the write of the tokens it returned.
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    });
    const result = await oauth.processRefreshTokenResponse(as, client, response);
    return {
      access_token: result.access_token,
      refresh_token: result.refresh_token ?? null,
      id_token: result.id_token ?? null,
      expires_at: result.expires_in ? Math.floor(Date.now() / 1000) + result.expires_in : null,
      token_type: result.token_type ?? null,
      scope: result.scope ?? null,
    };
  });
}

/** RFC 7009 revocation at Polar's /v1/oauth2/revoke. */
export function revokeToken(token: string, hint: "access_token" | "refresh_token") {
  return tokenRequest(async () => {
    const as = await authorizationServer();
    const response = await oauth.revocationRequest(as, client, clientAuth, token, {
      ...httpAllowed,
      additionalParameters: { token_type_hint: hint },
    });
    await oauth.processRevocationResponse(response);
  });
}

/** Polar refused the grant itself (revoked, rotated away or expired): only a new consent helps. */
export function isGrantRejected(error: unknown) {
  return error instanceof oauth.ResponseBodyError && error.error === "invalid_grant";
}
