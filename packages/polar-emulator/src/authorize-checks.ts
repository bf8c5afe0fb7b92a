import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { findClient, redirectAllowed } from "./directory.ts";
import { redirect, sendHtml } from "./http.ts";
import { parseScope, SCOPES } from "./scopes.ts";
import type { EmulatorState } from "./state.ts";
import { errorPage } from "./views/error.ts";

const SUPPORTED = new Set(SCOPES);

// What Polar does on GET /oauth2/authorize that oidc-provider doesn't, before
// oidc-provider sees the request:
// - an unknown sub_type is invalid_request "Invalid sub_type"
//   (grants/authorization_code.py `_validate_sub`);
// - a scope outside Polar's list is invalid_scope (authlib
//   `validate_requested_scope` against every Scope), where oidc-provider
//   would silently drop it;
// - no scope at all means the client's registered scopes
//   (grants/authorization_code.py `before_validate_authorization_request_payload`);
// - a `plain` PKCE challenge, or one without a method (authlib's CodeChallenge
//   defaults to plain), is accepted: oidc-provider knows only S256, so the
//   challenge is stored as its S256 hash, which the plain verifier (equal to
//   the challenge) then matches.
// Polar answers the unknown sub_type with a 400 on its own page (the
// InvalidRequestError carries no redirect_uri; server/tests/oauth2/endpoints/
// test_oauth2.py `test_authenticated_invalid_sub_type`); invalid_scope is
// redirected to the client once client and redirect_uri are known good,
// otherwise oidc-provider renders its error page, and like every authorization
// response (RFC 9207, polar PR #14131) the redirect names the issuer in `iss`.
// Returns true when it answered the request.
export function prepareAuthorizeRequest(
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  issuer: string,
  state: EmulatorState,
): boolean {
  const params = url.searchParams;
  const client = findClient(state, params.get("client_id") ?? "");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!client || !redirectAllowed(client, redirectUri)) return false;

  let error: [string, string] | undefined;
  const subType = params.get("sub_type");
  if (subType !== null && subType !== "user" && subType !== "organization") {
    sendHtml(
      res,
      400,
      errorPage({ title: "Authorization failed", error: "invalid_request", description: "Invalid sub_type" }),
    );
    return true;
  }
  if (parseScope(params.get("scope")).some((scope) => !SUPPORTED.has(scope))) {
    error = ["invalid_scope", "The requested scope is invalid, unknown, or malformed."];
  }
  if (!error) {
    if (!params.has("scope")) params.set("scope", client.scope);
    const challenge = params.get("code_challenge");
    const method = params.get("code_challenge_method") ?? "plain";
    if (challenge && method === "plain") {
      params.set("code_challenge", createHash("sha256").update(challenge).digest("base64url"));
      params.set("code_challenge_method", "S256");
    }
    req.url = `${url.pathname}${url.search}`;
    return false;
  }

  const target = new URL(redirectUri);
  target.searchParams.set("error", error[0]);
  target.searchParams.set("error_description", error[1]);
  const clientState = params.get("state");
  if (clientState !== null) target.searchParams.set("state", clientState);
  target.searchParams.set("iss", issuer);
  redirect(res, target.href);
  return true;
}
