// The two 401s of Polar's API, by body and headers. No bearer token (no
// Authorization header, another scheme, an empty or non-ASCII value): the
// PolarError `Unauthorized` with a bare `Bearer realm` challenge. A bearer
// that is unknown, expired, revoked or malformed: authlib's invalid_token,
// its own challenge, `Cache-Control: no-store` (authlib's JSON headers, not
// the `private, no-store` every other answer gets), on any path.
// Mirrors server/polar/exceptions.py (Unauthorized), exception_handlers.py,
// auth/middlewares.py (`get_bearer_token`, AuthSubjectMiddleware answering
// InvalidTokenError before routing), oauth2/exceptions.py, middlewares.py
// (CacheControlMiddleware) and authlib 1.7.2 rfc6750 InvalidTokenError.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { ADA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens } from "../src/testing.ts";
import { tokenManagement } from "./helpers.ts";

const DESCRIPTION = "The access token provided is expired, revoked, malformed, or invalid for other reasons.";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

/** A GET with a raw Authorization header (fetch refuses non-ASCII ones). */
function rawGet(path: string, authorization?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>(
    (resolve, reject) => {
      const url = new URL(path, issuer);
      const req = request(url, { headers: authorization === undefined ? {} : { authorization } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

const unauthorized = {
  status: 401,
  body: { error: "Unauthorized", detail: "Unauthorized" },
  headers: expect.objectContaining({
    "www-authenticate": 'Bearer realm="polar"',
    "cache-control": "private, no-store",
  }),
};
const invalidToken = {
  status: 401,
  body: { error: "invalid_token", error_description: DESCRIPTION },
  headers: expect.objectContaining({
    "www-authenticate": `Bearer realm="polar", error="invalid_token", error_description="${DESCRIPTION}"`,
    "cache-control": "no-store",
    pragma: "no-cache",
  }),
};

describe("401 Unauthorized", () => {
  it("answers a request with no bearer token", async () => {
    expect(await rawGet("/v1/organizations/")).toEqual(unauthorized);
    expect(await rawGet("/v1/organizations/", "Basic dXNlcjpwYXNz")).toEqual(unauthorized);
    expect(await rawGet("/v1/organizations/", "Bearer")).toEqual(unauthorized);
    expect(await rawGet("/v1/organizations/", "Bearer polar_at_u_tökén")).toEqual(unauthorized);
  });
});

describe("401 invalid_token", () => {
  it("answers an unknown, malformed, revoked or expired bearer token", async () => {
    expect(await rawGet("/v1/organizations/", "Bearer polar_at_u_forged")).toEqual(invalidToken);
    expect(await rawGet("/v1/organizations/", "Bearer not a token")).toEqual(invalidToken);
    const revoked = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: "openid organizations:read",
    });
    await tokenManagement(issuer, "revoke", { token: revoked.access_token });
    expect(await rawGet("/v1/organizations/", `Bearer ${revoked.access_token}`)).toEqual(invalidToken);
    const expired = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: "openid organizations:read",
    });
    await control(issuer, "settings", { clock_skew_seconds: 864_001 });
    expect(await rawGet("/v1/oauth2/userinfo", `Bearer ${expired.access_token}`)).toEqual(invalidToken);
  });

  it("answers it on any path, before routing: discovery and unknown paths too", async () => {
    expect(await rawGet("/.well-known/openid-configuration", "Bearer polar_at_u_forged")).toEqual(
      invalidToken,
    );
    expect(await rawGet("/v1/nothing-here", "Bearer polar_at_u_forged")).toEqual(invalidToken);
    expect((await rawGet("/.well-known/openid-configuration")).status).toBe(200);
    expect((await rawGet("/v1/nothing-here")).status).toBe(404);
  });
});
