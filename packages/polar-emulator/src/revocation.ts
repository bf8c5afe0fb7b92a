// POST /v1/oauth2/revoke (RFC 7009) and POST /v1/oauth2/introspect (RFC 7662),
// as Polar's authlib endpoints behave (polar/oauth2/authorization_server.py):
// confidential clients only (client_secret_basic / client_secret_post), and a
// token is revoked together with the token it was issued with: Polar stores an
// access token and its refresh token as one row. token_type_hint=access_token
// revokes only the access token; anything else revokes both. The grant and the
// other tokens issued from it stay alive.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { findAccessToken } from "./api/auth.ts";
import type { SeedClient } from "./data/seed.ts";
import { findClient } from "./directory.ts";
import { readForm, sendJson } from "./http.ts";
import { parseScope } from "./scopes.ts";
import type { EmulatorState } from "./state.ts";

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

function authenticateClient(req: IncomingMessage, form: URLSearchParams): SeedClient {
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
  const client = clientId ? findClient(clientId) : undefined;
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
  if (hint !== null && hint !== "access_token" && hint !== "refresh_token") {
    throw new OAuthError(400, "unsupported_token_type", `The token type '${hint}' is not supported.`);
  }
  return { token, hint };
}

export function createTokenManagement(provider: Provider, state: EmulatorState) {
  async function lookup(value: string, hint: string | null) {
    const access = hint === "refresh_token" ? undefined : await provider.AccessToken.find(value, { ignoreExpiration: true });
    const refresh = access || hint === "access_token" ? undefined : await provider.RefreshToken.find(value, { ignoreExpiration: true });
    return { access, refresh };
  }

  async function revoke(form: URLSearchParams, client: SeedClient): Promise<void> {
    const { token, hint } = tokenParams(form);
    const { access, refresh } = await lookup(token, hint);
    const found = access ?? refresh;
    if (!found) return;
    if (found.clientId !== client.client_id) throw new OAuthError(400, "invalid_grant", "The token was issued to another client.");
    const partner = state.pairs.get(token);
    await found.destroy();
    if (hint !== "access_token" && partner) {
      const other = access
        ? await provider.RefreshToken.find(partner, { ignoreExpiration: true })
        : await provider.AccessToken.find(partner, { ignoreExpiration: true });
      await other?.destroy();
    }
    state.stats.revocations += 1;
  }

  async function introspect(form: URLSearchParams, client: SeedClient): Promise<Record<string, unknown>> {
    const { token, hint } = tokenParams(form);
    const access = hint === "refresh_token" ? undefined : await findAccessToken(provider, state, token);
    const refresh = access || hint === "access_token" ? undefined : await provider.RefreshToken.find(token);
    const grantId = access?.grantId ?? refresh?.grantId;
    const subject = grantId ? state.subjects.get(grantId) : undefined;
    const clientId = access?.clientId ?? refresh?.clientId;
    if (!subject || clientId !== client.client_id) return { active: false };
    return {
      active: true,
      client_id: clientId,
      token_type: access ? "access_token" : "refresh_token",
      scope: access ? [...access.scopes].join(" ") : parseScope(refresh?.scope).join(" "),
      sub_type: subject.type,
      sub: subject.type === "organization" ? subject.organizationId : subject.userId,
      organizations: subject.type === "organization" ? [] : subject.organizationIds,
      aud: clientId,
      iss: provider.issuer,
      exp: access?.expiresAt ?? refresh?.exp ?? 0,
      iat: access?.issuedAt ?? refresh?.iat ?? 0,
    };
  }

  return async function handleTokenManagement(req: IncomingMessage, res: ServerResponse, action: "revoke" | "introspect") {
    try {
      const form = await readForm(req);
      const client = authenticateClient(req, form);
      if (action === "revoke") {
        await revoke(form, client);
        sendJson(res, 200, {});
      } else {
        sendJson(res, 200, await introspect(form, client));
      }
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.status, { error: error.error, error_description: error.message }, error.headers);
    }
  };
}
