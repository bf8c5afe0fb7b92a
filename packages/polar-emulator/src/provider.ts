import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, { type BaseToken } from "oidc-provider";
import { findAccount } from "./accounts.ts";
import { createAdapterFactory } from "./adapter.ts";
import { createLoadExistingGrant } from "./consents.ts";
import { clients } from "./data/seed.ts";
import { API_ROUTES, WEB_ROUTES } from "./routes.ts";
import { SCOPES } from "./scopes.ts";
import type { EmulatorState } from "./state.ts";
import type { SigningKey } from "./token-endpoint.ts";
import { errorPage } from "./views/error.ts";

// Refresh tokens and grants live until revoked (Polar); oidc-provider wants a number.
const UNTIL_REVOKED = 10 * 365 * 24 * 60 * 60;
// authlib's BearerTokenGenerator lifetimes, which Polar keeps: 10 days from
// the code exchange (GRANT_TYPES_EXPIRES_IN), 1 hour otherwise, refresh included.
const CODE_TOKEN_TTL = 864_000;
const REFRESHED_TOKEN_TTL = 3600;
// How long a browser stays signed in on the web origin.
const LOGIN_SESSION_TTL = 14 * 24 * 60 * 60;

function opaqueToken(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * oidc-provider with the issuer on the API origin. Its authorization endpoint
 * is reached through the web origin (server.ts forwards it), so the resume
 * URLs and cookies it sets belong to the web origin, as on polar.sh.
 */
export function createProvider(options: { issuer: string; appUrl: string; state: EmulatorState }): {
  provider: Provider;
  key: SigningKey;
} {
  const { issuer, appUrl, state } = options;
  // A fresh RS256 key per start: ID tokens are only checked against the live JWKS.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key: SigningKey = { privateKey, kid: `emulator-${randomBytes(6).toString("hex")}` };

  const provider = new Provider(issuer, {
    adapter: createAdapterFactory(state),
    clients: clients.map((client) => ({
      client_id: client.client_id,
      ...(client.client_secret ? { client_secret: client.client_secret } : {}),
      client_name: client.client_name,
      redirect_uris: client.redirect_paths.map((path) => new URL(path, appUrl).href),
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: client.token_endpoint_auth_method,
      id_token_signed_response_alg: "RS256",
      // No `scope` allowlist: oidc-provider would refuse a scope the client did
      // not register, which Polar drops silently (grants.ts).
    })),
    clientBasedCORS: () => true,
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: key.kid, alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    findAccount: (_ctx: unknown, id: string, token?: BaseToken) => findAccount(state, id, token),
    // The ID token's claims per scope, as claims.ts computes them (polar/oauth2/userinfo.py).
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    scopes: SCOPES,
    // Otherwise oidc-provider keeps the email claims out of code-flow ID
    // tokens, and Auth.js builds the profile from the ID token.
    conformIdTokenClaims: false,
    extraParams: ["sub_type"],
    loadExistingGrant: createLoadExistingGrant(state),
    responseTypes: ["code"],
    // authlib's CodeChallenge: required from public clients only (`none` auth).
    pkce: {
      required: (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod === "none",
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    routes: {
      authorization: WEB_ROUTES.authorization,
      token: API_ROUTES.token,
      jwks: API_ROUTES.jwks,
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${WEB_ROUTES.interaction}/${interaction.uid}`,
    },
    ttl: {
      AccessToken: (ctx?: { oidc?: { params?: Record<string, unknown> } }) =>
        state.settings.accessTokenTtl ??
        (ctx?.oidc?.params?.["grant_type"] === "refresh_token" ? REFRESHED_TOKEN_TTL : CODE_TOKEN_TTL),
      AuthorizationCode: () => state.settings.codeTtl,
      IdToken: 3600,
      Interaction: 3600,
      Session: LOGIN_SESSION_TTL,
      Grant: UNTIL_REVOKED,
      RefreshToken: UNTIL_REVOKED,
    },
    expiresWithSession: () => false,
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    // Polar issues a new refresh token on every refresh (INCLUDE_NEW_REFRESH_TOKEN).
    rotateRefreshToken: true,
    renderError: async (
      ctx: { type: string; body: unknown },
      out: { error: string; error_description?: string },
    ) => {
      ctx.type = "html";
      ctx.body = errorPage({
        title: "Authorization failed",
        error: out.error,
        description: out.error_description,
      });
    },
  });

  const letter = (grantId: string | undefined) =>
    grantId && state.subjects.get(grantId)?.type === "organization" ? "o" : "u";
  provider.AccessToken.prototype.generateTokenId = function (this: BaseToken & { format?: string }) {
    this.format = "opaque";
    return opaqueToken(`polar_at_${letter(this.grantId)}_`);
  };
  provider.RefreshToken.prototype.generateTokenId = function (this: BaseToken) {
    return opaqueToken(`polar_rt_${letter(this.grantId)}_`);
  };
  provider.AuthorizationCode.prototype.generateTokenId = () => opaqueToken("polar_ac_");

  return { provider, key };
}
