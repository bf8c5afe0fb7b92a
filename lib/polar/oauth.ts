import "server-only";
import * as oauth from "oauth4webapi";
import { tokenFreeError } from "@/lib/security/token-free-error";
import { authorizationServer, discoveryUrl, httpAllowed } from "./discovery";
import { polarServer } from "./server";

// @polar-sh/sdk 1.0.1's requestToken/revokeToken send no form body, so token
// refresh and revocation use oauth4webapi, the OAuth client Auth.js itself uses,
// against the endpoints from Polar's discovery document.
const client: oauth.Client = { client_id: polarServer.clientId };
const clientAuth = oauth.ClientSecretPost(polarServer.clientSecret);

/**
 * How long Polar's token endpoint gets to answer a refresh or a revocation. Part
 * of the refresh time budget (lib/grants/grant-lease.ts): far above a slow answer
 * (Polar's are well under a second; 9.5 s is tested), far below the lease.
 */
export const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/**
 * The fetch Auth.js makes its requests to Polar with (its `customFetch`):
 * discovery is answered from the copy this process keeps (fetched once, with a
 * timeout), instead of once per sign-in without one; the code exchange and
 * everything else get TOKEN_REQUEST_TIMEOUT_MS. A stalled Polar then fails a
 * sign-in on its error page instead of holding it open.
 */
export const polarOAuthFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url === discoveryUrl) return Response.json(await authorizationServer());
  const timeout = AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};

/** A gateway's "I stopped waiting for the server" (Cloudflare's is 524): no answer from Polar. */
const GATEWAY_TIMEOUTS = new Set([504, 524]);

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
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
    });
    if (GATEWAY_TIMEOUTS.has(response.status)) {
      const error = new Error(
        `A gateway in front of Polar answered ${response.status}: it stopped waiting, and Polar may still have rotated the token.`,
      );
      throw Object.assign(error, { name: "TimeoutError" });
    }
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
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
      additionalParameters: { token_type_hint: hint },
    });
    await oauth.processRevocationResponse(response);
  });
}

/**
 * RFC 7662 introspection at Polar's /v1/oauth2/introspect: whether the access
 * token is live and, Polar's addition, the organizations it is down-scoped to
 * (none when it sees all of the person's organizations).
 */
export function introspectAccessToken(token: string) {
  return tokenRequest(async () => {
    const as = await authorizationServer();
    const response = await oauth.introspectionRequest(as, client, clientAuth, token, {
      ...httpAllowed,
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
      additionalParameters: { token_type_hint: "access_token" },
    });
    const { active, organizations } = await oauth.processIntrospectionResponse(as, client, response);
    return {
      active,
      organizations: Array.isArray(organizations) ? organizations.filter((id) => typeof id === "string") : [],
    };
  });
}

/** Network failures that happen before a request is sent. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * What a failed refresh says about the refresh token it sent:
 * - "rejected": Polar refused the grant itself (revoked, rotated away or
 *   expired) with invalid_grant; only a new consent helps;
 * - "kept": Polar answered another error (its token endpoint commits nothing
 *   then), or the request never left: the token is as it was;
 * - "unanswered": sent, but no answer came (timeout, connection closed, a
 *   gateway timeout): Polar may have rotated the token;
 * - "unusable": a 200 that is not a token response (a malformed body): Polar
 *   may have rotated the token too.
 */
export function refreshFailure(error: unknown): "rejected" | "kept" | "unanswered" | "unusable" {
  if (error instanceof oauth.ResponseBodyError) return error.error === "invalid_grant" ? "rejected" : "kept";
  if (error instanceof oauth.WWWAuthenticateChallengeError) return "kept";
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.RESPONSE_IS_NOT_CONFORM)
    return "kept";
  if (error instanceof Error && error.name === "TimeoutError") return "unanswered";
  if (error instanceof TypeError && error.message === "fetch failed") {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === "string" && NOT_SENT.has(code) ? "kept" : "unanswered";
  }
  return "unusable";
}
