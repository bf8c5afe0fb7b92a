import "server-only";
import type { NextRequest } from "next/server";
import { AuthError } from "@auth/core/errors";
import { PolarRateLimitError } from "@polar-sh/sdk";
import { isApiVersionRefused } from "@/lib/polar/api-version";
import { RequestBudgetSpent } from "@/lib/polar/errors";
import * as oauth from "oauth4webapi";
import { tokenFreeError } from "@/lib/security/token-free-error";
import { recordAuthError, runAuthRequest } from "./auth-request";

// Auth.js sends every error it does not consider client-safe to the error page
// as `Configuration`, and sign-in errors to the sign-in page. That hides the
// difference between a state/PKCE mismatch, a used or expired code, a wrong
// issuer and a real misconfiguration. The route handler and the sign-in actions
// record the error Auth.js logs for their request and point the redirect at
// /auth/error with a specific code instead.

/**
 * A problem with the Polar server the app is configured for, from an error of
 * Polar's discovery document or of the authorization response's `iss`.
 */
function polarServerProblem(error: unknown): string | undefined {
  if (error instanceof TypeError && error.message === "fetch failed") return "PolarUnreachable";
  if (error instanceof Error && error.name === "TimeoutError") return "PolarUnreachable";
  // An answer that is no OAuth response: Polar's rate limiter (429, empty; its
  // token endpoint counts per IP address) or a server error.
  const status = (error as { status?: unknown } | undefined)?.status;
  if (status === 429) return "PolarBusy";
  if (typeof status === "number" && status >= 500) return "PolarUnreachable";
  if (!(error instanceof oauth.OperationProcessingError)) return undefined;
  // RFC 9207: the callback's `iss` is missing or names another issuer.
  if (error.message.includes('"iss"')) return "IssuerMismatch";
  // Discovery at the configured issuer: no document there, or one naming another issuer.
  if (error.message.startsWith('"response"')) return "WrongIssuer";
  return undefined;
}

/** The code /auth/error explains. Never carries a detail of the error itself. */
export function authErrorCode(error: Error, request: URL): string {
  const type = error instanceof AuthError ? error.type : "Default";
  const cause = (error.cause as { err?: unknown } | undefined)?.err;
  const polarError = (cause as { error?: unknown } | undefined)?.error;
  switch (type) {
    case "OAuthCallbackError":
      // Polar redirected back with ?error=…; access_denied is the Deny button.
      return request.searchParams.get("error") === "access_denied" ? "AccessDenied" : "OAuthCallbackError";
    case "CallbackRouteError":
      // Polar's token endpoint: invalid_grant is a used or expired code; a
      // refused client means a wrong POLAR_CLIENT_ID or POLAR_CLIENT_SECRET.
      if (polarError === "invalid_grant") return "CallbackRouteError";
      if (polarError === "invalid_client") return "Configuration";
      return polarServerProblem(cause) ?? "Default";
    case "AccessDenied":
      // Our signIn callback never refuses; AccessDenied here means it threw,
      // e.g. when it could not list the organization (the request budget is
      // spent, or Polar answered 429).
      if (cause instanceof RequestBudgetSpent || cause instanceof PolarRateLimitError) return "PolarBusy";
      if (isApiVersionRefused(cause)) return "PolarApiVersion";
      return cause instanceof Error ? "Default" : "AccessDenied";
    case "InvalidCheck":
    case "OAuthAccountNotLinked":
    case "Verification":
    case "MissingCSRF":
      return type;
    default:
      // Not an AuthError: Auth.js's own discovery when a sign-in starts.
      return polarServerProblem(error) ?? "Configuration";
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
  recordAuthError(error);
  const name = error instanceof AuthError ? error.type : error.name;
  console.error(`[auth][error] ${name}: ${error.message}`);
  const cause = error.cause as { err?: unknown } | undefined;
  if (cause?.err instanceof Error) console.error("[auth][cause]:", cause.err.stack);
}

/** `location` pointed at /auth/error with the specific code, if it is one of Auth.js's error redirects. */
function specificErrorLocation(location: string, error: Error | undefined, request: URL) {
  const target = new URL(location, request);
  if (!error || !target.searchParams.has("error")) return location;
  const errorPage = new URL("/auth/error", target);
  errorPage.searchParams.set("error", authErrorCode(error, request));
  return errorPage.href;
}

type RouteHandler = (request: NextRequest) => Promise<Response>;

/** Wraps Auth.js's route handler (Polar's callbacks land here). */
export function withSpecificAuthErrors(handler: RouteHandler): RouteHandler {
  return async (request) => {
    const { result: response, error } = await runAuthRequest(() => handler(request));
    const location = response.headers.get("location");
    if (!location) return response;
    const specific = specificErrorLocation(location, error, new URL(request.url));
    if (specific === location) return response;
    const headers = new Headers(response.headers);
    headers.set("location", specific);
    return new Response(null, { status: response.status, headers });
  };
}

/** Runs a server action's `signIn(…, { redirect: false })` and returns where to send the browser. */
export async function signInLocation(startSignIn: () => Promise<string>) {
  const { result: location, error } = await runAuthRequest(startSignIn);
  return specificErrorLocation(location, error, new URL(location));
}
