import "server-only";
import { PolarClientError, PolarNetworkError, PolarRateLimitError, PolarServerError } from "@polar-sh/sdk";
import { RequestBudgetSpent } from "./request-budget";

/** The grant has no usable token: Polar refused it, and the user must reconnect (or sign in again). */
export class GrantRefusedError extends Error {
  constructor() {
    super("Polar no longer accepts this grant.");
    this.name = "GrantRefusedError";
  }
}

/** Why something from Polar cannot be shown, in terms a person can act on. */
export type PolarProblem =
  | { kind: "missing-scope"; scope: string }
  | { kind: "rate-limited"; retryAfterSeconds: number | null }
  /** The app's own request budget is spent (lib/polar/request-budget.ts); Polar was not asked. */
  | { kind: "busy"; retryAfterSeconds: number }
  | { kind: "unavailable" }
  | { kind: "reconnect"; reason?: "refused" | "answer_lost" | null }
  /** The signed-in user has no connection to this organization. */
  | { kind: "not-connected" }
  | { kind: "unexpected" };

/** Every loader's answer: what it read, or the problem to show instead. */
export type Result<T> = ({ ok: true } & T) | { ok: false; problem: PolarProblem };

/**
 * Classifies an error from a Polar call that needed `scope`. Polar answers a
 * missing scope with 403 `insufficient_scope`; a refused or revoked token with
 * 401, and an organization the token may no longer act on with 403 NotPermitted.
 */
export function describePolarError(error: unknown, scope: string): PolarProblem {
  if (error instanceof RequestBudgetSpent)
    return { kind: "busy", retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof GrantRefusedError) return { kind: "reconnect" };
  if (error instanceof PolarRateLimitError)
    return { kind: "rate-limited", retryAfterSeconds: error.retryAfter };
  if (error instanceof PolarServerError || error instanceof PolarNetworkError) return { kind: "unavailable" };
  if (error instanceof PolarClientError) {
    const body = typeof error.error === "string" ? error.error : JSON.stringify(error.error);
    if (error.statusCode === 403 && body.includes("insufficient_scope"))
      return { kind: "missing-scope", scope };
    if (error.statusCode === 401 || error.statusCode === 403) return { kind: "reconnect" };
  }
  // A token refresh that cannot reach Polar fails inside fetch, before the SDK.
  if (error instanceof TypeError && error.message === "fetch failed") return { kind: "unavailable" };
  console.error("Unexpected error from Polar:", error instanceof Error ? error.message : error);
  return { kind: "unexpected" };
}

/** Polar refused the access token itself (expired, revoked, or rotated away by a refresh). */
export function isUnauthorized(error: unknown) {
  return error instanceof PolarClientError && error.statusCode === 401;
}
