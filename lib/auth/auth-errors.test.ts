import { AccessDenied, AuthError, CallbackRouteError, InvalidCheck, OAuthCallbackError } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { authErrorCode } from "./auth-errors";

const callback = new URL("http://localhost:3000/api/auth/callback/polar?code=polar_ac_x&state=s");
const invalidGrant = Object.assign(new Error("server responded with an error"), { error: "invalid_grant" });

describe("authErrorCode", () => {
  it("tells the Deny button from other provider errors", () => {
    const denied = new URL("http://localhost:3000/api/auth/callback/polar?error=access_denied&state=s");
    expect(authErrorCode(new OAuthCallbackError("OAuth Provider returned an error"), denied)).toBe("AccessDenied");
    expect(authErrorCode(new OAuthCallbackError("OAuth Provider returned an error"), callback)).toBe("OAuthCallbackError");
  });

  it("tells a used or expired code from other callback failures", () => {
    expect(authErrorCode(new CallbackRouteError("callback failed", { cause: { err: invalidGrant } }), callback)).toBe("CallbackRouteError");
    const invalidClient = Object.assign(new Error("server responded with an error"), { error: "invalid_client" });
    expect(authErrorCode(new CallbackRouteError("callback failed", { cause: { err: invalidClient } }), callback)).toBe("Configuration");
    expect(authErrorCode(new CallbackRouteError("callback failed", { cause: { err: new Error("ECONNREFUSED") } }), callback)).toBe("Default");
  });

  it("keeps state/PKCE mismatches apart from misconfiguration", () => {
    expect(authErrorCode(new InvalidCheck("pkceCodeVerifier value could not be parsed"), callback)).toBe("InvalidCheck");
    expect(authErrorCode(new AuthError("anything else"), callback)).toBe("Configuration");
  });

  it("reports a throwing signIn callback as unexpected, not as a refusal", () => {
    expect(authErrorCode(new AccessDenied("signIn threw", { cause: { err: new Error("database down") } }), callback)).toBe("Default");
    expect(authErrorCode(new AccessDenied("AccessDenied"), callback)).toBe("AccessDenied");
  });
});
