import type { IncomingMessage } from "node:http";
import type Provider from "oidc-provider";
import { accessibleOrganizationIds } from "../access.ts";
import { bearerToken } from "../http.ts";
import type { Permission } from "../permissions.ts";
import { forgetIdentity, rememberIdentity } from "../rate-limit.ts";
import { parseScope } from "../scopes.ts";
import type { EmulatorState, Subject } from "../state.ts";
import { ApiError, invalidToken, unauthorized } from "./errors.ts";

export interface AccessTokenInfo {
  value: string;
  grantId: string;
  clientId: string;
  subject: Subject;
  scopes: Set<string>;
  issuedAt: number;
  expiresAt: number;
}

export interface ApiAuth extends AccessTokenInfo {
  /** Organizations the request may read: the token's reach, for the endpoint's permission (access.ts). */
  organizationIds: string[];
}

/**
 * A live access token issued by this emulator, judged by the emulator's
 * (skewable) clock. Like Polar's auth middleware, it caches the token's
 * identity for the rate limit when it authenticates and forgets it when it
 * does not (rate-limit.ts).
 */
export async function findAccessToken(
  provider: Provider,
  state: EmulatorState,
  value: string,
): Promise<AccessTokenInfo | undefined> {
  const token = await provider.AccessToken.find(value, { ignoreExpiration: true });
  const subject = token?.grantId ? state.subjects.get(token.grantId) : undefined;
  if (!token?.clientId || typeof token.exp !== "number" || !subject || token.exp <= state.now()) {
    forgetIdentity(state, value);
    return undefined;
  }
  rememberIdentity(state, value, token.clientId, subject);
  return {
    value,
    grantId: token.grantId as string,
    clientId: token.clientId,
    subject,
    scopes: new Set(parseScope(token.scope)),
    issuedAt: token.iat ?? 0,
    expiresAt: token.exp,
  };
}

// Client registration tokens authenticate the client-configuration endpoints, not a subject (oauth2/constants.py).
const REGISTRATION_TOKEN_PREFIX = "polar_crt_";

/**
 * Polar authenticates the bearer on every request, whatever the path
 * (auth/middlewares.py AuthSubjectMiddleware): a bearer that is no live token
 * is a 401 invalid_token even where no authentication is needed.
 */
export async function bearerError(
  req: IncomingMessage,
  provider: Provider,
  state: EmulatorState,
): Promise<ApiError | undefined> {
  const value = bearerToken(req);
  if (value === undefined || value.startsWith(REGISTRATION_TOKEN_PREFIX)) return undefined;
  return (await findAccessToken(provider, state, value)) ? undefined : invalidToken();
}

/** The request's token and the organizations it may read for `permission` (access.ts). */
export async function authenticate(
  req: IncomingMessage,
  provider: Provider,
  state: EmulatorState,
  permission?: Permission,
): Promise<ApiAuth> {
  const value = bearerToken(req);
  if (!value) throw unauthorized();
  const token = await findAccessToken(provider, state, value);
  if (!token) throw invalidToken();

  // auth/middlewares.py passes the token's `organization_ids` into the auth
  // subject. The `Polar-Organization` header @polar-sh/sdk sends with an
  // `organizationId` plays no part: no server code at c6c3645 reads it.
  return { ...token, organizationIds: accessibleOrganizationIds(state, token.subject, permission) };
}
