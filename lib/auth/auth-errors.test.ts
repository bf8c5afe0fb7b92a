import { inspect } from "node:util";
import { RequestBudgetSpent } from "@/lib/polar/errors";
import {
  AccessDenied,
  AuthError,
  CallbackRouteError,
  InvalidCheck,
  OAuthCallbackError,
} from "@auth/core/errors";
import * as oauth from "oauth4webapi";
import { describe, expect, it, vi } from "vitest";
import { authErrorCode, logAuthError } from "./auth-errors";

const callback = new URL("http://localhost:3000/api/auth/callback/polar?code=polar_ac_x&state=s");
const invalidGrant = Object.assign(new Error("server responded with an error"), { error: "invalid_grant" });

describe("authErrorCode", () => {
  it("tells the Deny button from other provider errors", () => {
    const denied = new URL("http://localhost:3000/api/auth/callback/polar?error=access_denied&state=s");
    expect(authErrorCode(new OAuthCallbackError("OAuth Provider returned an error"), denied)).toBe(
      "AccessDenied",
    );
    expect(authErrorCode(new OAuthCallbackError("OAuth Provider returned an error"), callback)).toBe(
      "OAuthCallbackError",
    );
  });

  it("tells a used or expired code from other callback failures", () => {
    expect(
      authErrorCode(new CallbackRouteError("callback failed", { cause: { err: invalidGrant } }), callback),
    ).toBe("CallbackRouteError");
    const invalidClient = Object.assign(new Error("server responded with an error"), {
      error: "invalid_client",
    });
    expect(
      authErrorCode(new CallbackRouteError("callback failed", { cause: { err: invalidClient } }), callback),
    ).toBe("Configuration");
    expect(
      authErrorCode(
        new CallbackRouteError("callback failed", { cause: { err: new Error("ECONNREFUSED") } }),
        callback,
      ),
    ).toBe("Default");
  });

  it("keeps state/PKCE mismatches apart from misconfiguration", () => {
    expect(authErrorCode(new InvalidCheck("pkceCodeVerifier value could not be parsed"), callback)).toBe(
      "InvalidCheck",
    );
    expect(authErrorCode(new AuthError("anything else"), callback)).toBe("Configuration");
  });

  it("reports a throwing signIn callback as unexpected, not as a refusal", () => {
    expect(
      authErrorCode(
        new AccessDenied("signIn threw", { cause: { err: new Error("database down") } }),
        callback,
      ),
    ).toBe("Default");
    expect(authErrorCode(new AccessDenied("AccessDenied"), callback)).toBe("AccessDenied");
    const budgetSpent = new AccessDenied("signIn threw", { cause: { err: new RequestBudgetSpent(30) } });
    expect(authErrorCode(budgetSpent, callback)).toBe("PolarBusy");
  });
});

describe("authErrorCode for the Polar server the app is configured for", () => {
  const as = { issuer: "https://api.polar.sh", authorization_response_iss_parameter_supported: true };
  const client = { client_id: "polar_ci_x" };
  /** The error oauth4webapi itself raises for these callback parameters. */
  const callbackError = (params: Record<string, string>) => {
    try {
      oauth.validateAuthResponse(as, client, new URLSearchParams(params), oauth.skipStateCheck);
    } catch (error) {
      return new CallbackRouteError("callback failed", { cause: { err: error as Error } });
    }
    throw new Error("validateAuthResponse accepted the parameters");
  };
  /** The error oauth4webapi raises for this discovery document at https://api.polar.sh. */
  const discoveryError = async (response: Response) =>
    oauth.processDiscoveryResponse(new URL(as.issuer), response).then(
      () => Promise.reject(new Error("discovery accepted the response")),
      (error: Error) => error,
    );

  it("names a callback whose iss is another issuer, or missing, an issuer mismatch", () => {
    expect(authErrorCode(callbackError({ code: "polar_ac_x", iss: "https://polar.sh" }), callback)).toBe(
      "IssuerMismatch",
    );
    expect(authErrorCode(callbackError({ code: "polar_ac_x" }), callback)).toBe("IssuerMismatch");
  });

  it("names discovery that names another issuer, or is not there, a wrong issuer", async () => {
    const otherIssuer = () =>
      Response.json({
        issuer: "https://polar.sh",
        authorization_endpoint: "https://polar.sh/oauth2/authorize",
      });
    expect(authErrorCode(await discoveryError(otherIssuer()), callback)).toBe("WrongIssuer");
    expect(authErrorCode(await discoveryError(new Response("Not Found", { status: 404 })), callback)).toBe(
      "WrongIssuer",
    );
    const duringCallback = new CallbackRouteError("callback failed", {
      cause: { err: await discoveryError(otherIssuer()) },
    });
    expect(authErrorCode(duringCallback, callback)).toBe("WrongIssuer");
  });

  it("names an issuer that cannot be reached", () => {
    expect(authErrorCode(new TypeError("fetch failed"), callback)).toBe("PolarUnreachable");
  });
});

describe("logAuthError", () => {
  /** Auth.js's error for a code exchange whose answer oauth4webapi refused, the way Auth.js builds it. */
  async function codeExchangeError(body: Record<string, unknown> | null, status = 200) {
    const as = { issuer: "https://polar.example", token_endpoint: "https://polar.example/v1/oauth2/token" };
    const answer =
      body === null
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    const failure = await oauth
      .processAuthorizationCodeResponse(as, { client_id: "polar_ci_x" }, answer)
      .catch((error: Error) => error);
    // @ts-expect-error Auth.js passes the caught error itself (lib/actions/callback/index.js); its types admit a message only.
    return new CallbackRouteError(failure, { provider: "polar" });
  }

  it("keeps Polar's token answer out of the log and off the error, which still classifies", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const malformed = await codeExchangeError({
      access_token: "polar_at_u_secret",
      refresh_token: "polar_rt_u_secret",
    });
    expect(inspect(malformed, { depth: Infinity })).toMatch(/polar_(at|rt)_/);

    logAuthError(malformed);

    expect(inspect(malformed, { depth: Infinity, showHidden: true })).not.toMatch(/polar_(at|rt)_/);
    expect(error.mock.calls.flat().join("\n")).not.toMatch(/polar_(at|rt)_/);
    expect(error.mock.calls.flat().join("\n")).toContain("token_type");

    const refused = await codeExchangeError({ error: "invalid_grant" }, 400);
    logAuthError(refused);
    expect(authErrorCode(refused, callback)).toBe("CallbackRouteError");
    vi.restoreAllMocks();
  });

  it("names a code exchange Polar's rate limiter refuses (empty 429) busy, and a server error unreachable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const limited = await codeExchangeError(null, 429);
    logAuthError(limited);
    expect(authErrorCode(limited, callback)).toBe("PolarBusy");
    const failed = await codeExchangeError(null, 503);
    logAuthError(failed);
    expect(authErrorCode(failed, callback)).toBe("PolarUnreachable");
    vi.restoreAllMocks();
  });
});
