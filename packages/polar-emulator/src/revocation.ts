// POST /v1/oauth2/revoke (RFC 7009) and POST /v1/oauth2/introspect (RFC 7662),
// as Polar's authlib endpoints behave (polar/oauth2/authorization_server.py
// RevocationEndpoint, IntrospectionEndpoint, `_QueryTokenMixin`): confidential
// clients only (client_secret_basic / client_secret_post); the hint restricts
// the lookup to that kind of token, with no fallback, so a token sent with the
// other kind's hint is not found; any other hint is 401 unsupported_token_type;
// an unknown token is answered 200 and changes nothing. Polar marks the row's
// access token revoked, and its refresh token too unless the hint was
// `access_token`; but a row with either mark is dead to the API, to
// introspection and to the refresh grant alike (`is_revoked`,
// grants/refresh_token.py `authenticate_refresh_token`), so the emulator
// forgets the whole row (token-rows.ts). Introspection answers models/oauth2_token.py
// `get_introspection_data` for a live row, `{"active": false}` otherwise.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { BaseToken } from "oidc-provider";
import { findClient, type KnownClient } from "./directory.ts";
import { OAUTH_NO_STORE, readForm, sendJson } from "./http.ts";
import type { EmulatorState, ForcedRevocationFailure } from "./state.ts";
import { partnerOf, revokeRow } from "./token-rows.ts";

/** The OAuth error each forced revocation status answers with (`revocation-failures` control). */
const FORCED_REVOCATION_ERRORS: Record<ForcedRevocationFailure["status"], Record<string, string>> = {
  401: { error: "invalid_client", error_description: "Client authentication failed." },
  500: { error: "server_error" },
  503: { error: "temporarily_unavailable" },
};

class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly headers: Record<string, string>;

  constructor(status: number, error: string, description: string, headers: Record<string, string> = {}) {
    super(description);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function authenticateClient(state: EmulatorState, req: IncomingMessage, form: URLSearchParams): KnownClient {
  const header = req.headers.authorization;
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = header && /^Basic\s+(\S+)$/i.exec(header);
  if (basic?.[1]) {
    if (secret) throw new OAuthError(400, "invalid_request", "Multiple client authentication methods.");
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon < 0 ? undefined : colon));
    secret = colon < 0 ? "" : decodeURIComponent(decoded.slice(colon + 1));
  }
  const client = clientId ? findClient(state, clientId) : undefined;
  if (!client?.client_secret || !secret || !sameSecret(secret, client.client_secret)) {
    throw new OAuthError(
      401,
      "invalid_client",
      "Client authentication failed.",
      basic ? { "www-authenticate": 'Basic error="invalid_client"' } : {},
    );
  }
  return client;
}

function tokenParams(form: URLSearchParams): { token: string; hint: string | null } {
  const token = form.get("token");
  if (!token) throw new OAuthError(400, "invalid_request", "Missing 'token' in request.");
  const hint = form.get("token_type_hint");
  // authlib's UnsupportedTokenTypeError is a ForbiddenError: 401, and no description.
  if (hint !== null && hint !== "access_token" && hint !== "refresh_token") {
    throw new OAuthError(401, "unsupported_token_type", "");
  }
  return { token, hint };
}

interface Row {
  access?: BaseToken;
  refresh?: BaseToken;
}

export function createTokenManagement(provider: Provider, state: EmulatorState) {
  const findAccess = (value: string | undefined) =>
    value ? provider.AccessToken.find(value, { ignoreExpiration: true }) : Promise.resolve(undefined);
  const findRefresh = (value: string | undefined) =>
    value ? provider.RefreshToken.find(value, { ignoreExpiration: true }) : Promise.resolve(undefined);

  /** The row holding `value`, looked up as the hint says (Polar's `query_token`). */
  async function findRow(value: string, hint: string | null): Promise<Row | undefined> {
    const access = hint === "refresh_token" ? undefined : await findAccess(value);
    if (access) return { access, refresh: await findRefresh(partnerOf(state, value)) };
    const refresh = hint === "access_token" ? undefined : await findRefresh(value);
    if (refresh) return { refresh, access: await findAccess(partnerOf(state, value)) };
    return undefined;
  }

  async function revoke(form: URLSearchParams, client: KnownClient): Promise<void> {
    const { token, hint } = tokenParams(form);
    const row = await findRow(token, hint);
    if (!row) return;
    if ((row.access ?? row.refresh)?.clientId !== client.client_id) {
      throw new OAuthError(400, "invalid_grant", "The token was issued to another client.");
    }
    revokeRow(state, token);
    state.stats.revocations += 1;
  }

  async function introspect(form: URLSearchParams, client: KnownClient): Promise<Record<string, unknown>> {
    const { token, hint } = tokenParams(form);
    const row = await findRow(token, hint);
    const { access } = row ?? {};
    const subject = access?.grantId ? state.subjects.get(access.grantId) : undefined;
    // authlib: a token of another client, or an expired or revoked row, is just inactive.
    if (!access || !subject || access.clientId !== client.client_id || (access.exp ?? 0) <= state.now())
      return { active: false };
    return {
      active: true,
      client_id: access.clientId,
      token_type: "Bearer",
      scope: access.scope ?? "",
      sub_type: subject.type,
      sub: subject.type === "organization" ? subject.organizationId : subject.userId,
      organizations: subject.type === "organization" ? [] : subject.organizationIds,
      aud: access.clientId,
      iss: provider.issuer,
      exp: access.exp,
      iat: access.iat,
    };
  }

  return async function handleTokenManagement(
    req: IncomingMessage,
    res: ServerResponse,
    action: "revoke" | "introspect",
  ) {
    try {
      const form = await readForm(req);
      const forced = action === "revoke" ? state.revocationFailures.shift() : undefined;
      if (forced) {
        state.stats.revocationFailures += 1;
        sendJson(res, forced.status, FORCED_REVOCATION_ERRORS[forced.status], OAUTH_NO_STORE);
        return;
      }
      const client = authenticateClient(state, req, form);
      if (action === "revoke") {
        await revoke(form, client);
        sendJson(res, 200, {}, OAUTH_NO_STORE);
      } else {
        sendJson(res, 200, await introspect(form, client), OAUTH_NO_STORE);
      }
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(
        res,
        error.status,
        { error: error.error, ...(error.message ? { error_description: error.message } : {}) },
        { ...OAUTH_NO_STORE, ...error.headers },
      );
    }
  };
}
