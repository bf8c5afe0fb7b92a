import type { IncomingMessage, ServerResponse } from "node:http";
import { findClient } from "./directory.ts";
import { redirect, sendHtml } from "./http.ts";
import { parseScope, SCOPES_SUPPORTED } from "./scopes.ts";
import { errorPage } from "./views/error.ts";

const SUPPORTED = new Set(SCOPES_SUPPORTED);

// What Polar does on GET /oauth2/authorize that oidc-provider doesn't, before
// oidc-provider sees the request:
// - an unknown sub_type is invalid_request "Invalid sub_type"
//   (grants/authorization_code.py `_validate_sub`);
// - a scope outside Polar's list is invalid_scope (authlib
//   `validate_requested_scope` against SCOPES_SUPPORTED), where oidc-provider
//   would silently drop it;
// - no scope at all means the client's registered scopes
//   (grants/authorization_code.py `before_validate_authorization_request_payload`).
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
): boolean {
  const params = url.searchParams;
  const client = findClient(params.get("client_id") ?? "");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!client || !client.redirect_paths.some((path) => redirectUri.endsWith(path))) return false;

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
    if (!params.has("scope")) {
      params.set("scope", client.scope);
      req.url = `${url.pathname}${url.search}`;
    }
    return false;
  }

  const target = new URL(redirectUri);
  target.searchParams.set("error", error[0]);
  target.searchParams.set("error_description", error[1]);
  const state = params.get("state");
  if (state !== null) target.searchParams.set("state", state);
  target.searchParams.set("iss", issuer);
  redirect(res, target.href);
  return true;
}
