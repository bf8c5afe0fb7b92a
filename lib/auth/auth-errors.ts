import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import { AuthError } from "@auth/core/errors";
import { tokenFreeError } from "@/lib/security/token-free-error";

/**
 * Auth.js sends every error it does not consider client-safe to the error page
 * as `Configuration`, and sign-in errors to the sign-in page. That hides the
 * difference between a state/PKCE mismatch, a used or expired code and a real
 * misconfiguration. The route handler records the error Auth.js logs for its
 * request and points the redirect at /auth/error with a specific code instead.
 */
const requestErrors = new AsyncLocalStorage<{ error?: Error }>();

/** The code /auth/error explains. Never carries a detail of the error itself. */
export function authErrorCode(error: Error, request: URL): string {
  const type = error instanceof AuthError ? error.type : "Default";
  const cause = error.cause as { err?: { error?: unknown } } | undefined;
  switch (type) {
    case "OAuthCallbackError":
      // Polar redirected back with ?error=…; access_denied is the Deny button.
      return request.searchParams.get("error") === "access_denied" ? "AccessDenied" : "OAuthCallbackError";
    case "CallbackRouteError":
      // Polar's token endpoint: invalid_grant is a used or expired code; a
      // refused client means a wrong POLAR_CLIENT_ID or POLAR_CLIENT_SECRET.
      if (cause?.err?.error === "invalid_grant") return "CallbackRouteError";
      return cause?.err?.error === "invalid_client" ? "Configuration" : "Default";
    case "AccessDenied":
      // Our signIn callback never refuses; AccessDenied here means it threw.
      return cause?.err instanceof Error ? "Default" : "AccessDenied";
    case "InvalidCheck":
    case "OAuthAccountNotLinked":
    case "Verification":
    case "MissingCSRF":
      return type;
    default:
      return "Configuration";
  }
}

/**
 * Auth.js wraps a failed step's error as `cause.err` and spreads that error's
 * own cause next to it: for the code exchange, oauth4webapi's copy of Polar's
 * token response. Keeps only the error, without the response.
 */
function dropTokenResponse(error: Error) {
  const cause = error.cause as { err?: unknown; provider?: unknown } | undefined;
  if (!cause || typeof cause !== "object") return;
  error.cause = {
    ...(cause.err === undefined ? {} : { err: tokenFreeError(cause.err) }),
    ...(typeof cause.provider === "string" ? { provider: cause.provider } : {}),
  };
}

/** Auth.js's `logger.error`: logs as Auth.js does (no token, no response body) and records the error. */
export function logAuthError(error: Error) {
  dropTokenResponse(error);
  const store = requestErrors.getStore();
  if (store) store.error = error;
  const name = error instanceof AuthError ? error.type : error.name;
  console.error(`[auth][error] ${name}: ${error.message}`);
  const cause = error.cause as { err?: unknown } | undefined;
  if (cause?.err instanceof Error) console.error("[auth][cause]:", cause.err.stack);
}

type RouteHandler = (request: NextRequest) => Promise<Response>;

export function withSpecificAuthErrors(handler: RouteHandler): RouteHandler {
  return async (request) => {
    const store: { error?: Error } = {};
    const response = await requestErrors.run(store, () => handler(request));
    const location = response.headers.get("location");
    if (!store.error || !location || !new URL(location).searchParams.has("error")) return response;
    const errorPage = new URL("/auth/error", location);
    errorPage.searchParams.set("error", authErrorCode(store.error, new URL(request.url)));
    const headers = new Headers(response.headers);
    headers.set("location", errorPage.href);
    return new Response(null, { status: response.status, headers });
  };
}
