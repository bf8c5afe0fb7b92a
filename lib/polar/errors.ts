import "server-only";
import { PolarClientError, PolarNetworkError, PolarRateLimitError, PolarServerError } from "@polar-sh/sdk";
import { isApiVersionRefused } from "./api-version";
import { POLAR_API_VERSION } from "./client";

/** The grant has no usable token: Polar refused it, and the user must reconnect (or sign in again). */
export class GrantRefusedError extends Error {
  constructor() {
    super("Polar no longer accepts this grant.");
    this.name = "GrantRefusedError";
  }
}

/** The app's own request budget says no (lib/polar-cache/request-budget.ts): Polar is not asked, for about `retryAfterSeconds`. */
export class RequestBudgetSpent extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The app's Polar request budget is spent; retry in ${retryAfterSeconds} s.`);
    this.name = "RequestBudgetSpent";
  }
}

/** Polar did not answer in the time a page can wait for it (a token refresh still going on, a grant check). */
export class PolarNotAnswering extends Error {
  constructor() {
    super("Polar did not answer in time.");
    this.name = "PolarNotAnswering";
  }
}

/** Why something from Polar cannot be shown, in terms a person can act on. */
export type PolarProblem =
  | { kind: "missing-scope"; scope: string }
  | { kind: "rate-limited"; retryAfterSeconds: number | null }
  /** The app's own request budget is spent (lib/polar-cache/request-budget.ts); Polar was not asked. */
  | { kind: "busy"; retryAfterSeconds: number }
  | { kind: "unavailable" }
  | { kind: "reconnect"; reason?: "refused" | "answer_lost" | "revoked" | null }
  /** The signed-in user has no connection to this organization. */
  | { kind: "not-connected" }
  /** Polar no longer lets the person see the organization: they left it, or lost the right to read it. */
  | { kind: "denied" }
  /** Polar no longer serves the API version the app speaks (lib/polar/client.ts): every call is refused. */
  | { kind: "api-version"; version: string }
  | { kind: "unexpected" };

/** Every loader's answer: what it read, or the problem to show instead. */
export type Result<T> = ({ ok: true } & T) | { ok: false; problem: PolarProblem };

/**
 * Classifies an error from a Polar call that needed `scope`. Polar answers a
 * missing scope with 403 `insufficient_scope`; a refused or revoked token with
 * 401, what the person's role does not allow with 403 NotPermitted, and an
 * organization the person is not a member of with 404.
 */
export function describePolarError(error: unknown, scope: string): PolarProblem {
  if (error instanceof RequestBudgetSpent)
    return { kind: "busy", retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof GrantRefusedError) return { kind: "reconnect" };
  if (error instanceof PolarRateLimitError)
    return { kind: "rate-limited", retryAfterSeconds: error.retryAfter };
  if (
    error instanceof PolarServerError ||
    error instanceof PolarNetworkError ||
    error instanceof PolarNotAnswering
  )
    return { kind: "unavailable" };
  if (isApiVersionRefused(error)) return { kind: "api-version", version: POLAR_API_VERSION };
  if (error instanceof PolarClientError) {
    const body = typeof error.error === "string" ? error.error : JSON.stringify(error.error);
    if (error.statusCode === 403 && body.includes("insufficient_scope"))
      return { kind: "missing-scope", scope };
    if (error.statusCode === 401) return { kind: "reconnect" };
    // NotPermitted: the person's role does not allow it; ResourceNotFound: the
    // person (or the token) may not see it, which Polar does not tell apart
    // from its not existing.
    if (error.statusCode === 403 || error.statusCode === 404) return { kind: "denied" };
  }
  // A token refresh or discovery that cannot reach Polar, or that Polar leaves
  // unanswered past its timeout, fails inside fetch, before the SDK.
  if (error instanceof TypeError && error.message === "fetch failed") return { kind: "unavailable" };
  if (error instanceof Error && error.name === "TimeoutError") return { kind: "unavailable" };
  console.error("Unexpected error from Polar:", error instanceof Error ? error.message : error);
  return { kind: "unexpected" };
}

/** Polar refused the access token itself (expired, revoked, or rotated away by a refresh). */
export function isUnauthorized(error: unknown) {
  return error instanceof PolarClientError && error.statusCode === 401;
}
