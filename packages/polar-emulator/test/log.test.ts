// The emulator's own request log carries no OAuth code, state, token, client
// secret or PKCE verifier, wherever they were sent (query string, path, form
// body, Authorization header) and whatever went wrong. Not Polar behaviour: a
// property of the stand-in, whose log ends up in CI artifacts (e2e/.artifacts).
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { ADA_ID } from "../src/data/seed.ts";
import { redactSecrets } from "../src/log.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  CONFIDENTIAL_CLIENT,
  pkcePair,
  refresh,
  tokenRequest,
  USER_REDIRECT_URI,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, tokenManagement, userinfo } from "./helpers.ts";

let issuer: string;
withEmulator(
  (started) => {
    issuer = started;
  },
  { quiet: false },
);

let consoleLog: MockInstance<typeof console.log>;
beforeEach(() => {
  consoleLog = vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => consoleLog.mockRestore());

const logged = () => consoleLog.mock.calls.map((call) => call.join(" ")).join("\n");

describe("the request log", () => {
  it("names no code, state, token, secret or verifier of a whole sign-in, refresh and revocation", async () => {
    const state = "state-value-that-must-not-leak";
    const { verifier, challenge } = pkcePair();
    const { callback } = await authorize(issuer, { userId: ADA_ID, state, codeChallenge: challenge });
    const code = callback.searchParams.get("code") ?? "";
    const tokens = (await (
      await tokenRequest(issuer, {
        grant_type: "authorization_code",
        code,
        redirect_uri: USER_REDIRECT_URI,
        code_verifier: verifier,
      })
    ).json()) as TokenSet;
    const rotated = (await (await refresh(issuer, tokens.refresh_token)).json()) as TokenSet;
    await userinfo(issuer, rotated.access_token);
    await apiGet(issuer, `/v1/organizations/?access_token=${rotated.access_token}`, rotated.access_token);
    await apiGet(issuer, `/v1/products/${rotated.access_token}`, rotated.access_token);
    await refresh(issuer, tokens.refresh_token);
    await tokenManagement(issuer, "revoke", { token: rotated.refresh_token });
    await fetch(`${issuer}/v1/oauth2/token?code=${code}&client_secret=${CONFIDENTIAL_CLIENT.secret}`, {
      method: "POST",
    });

    const log = logged();
    expect(log).toContain("api POST /v1/oauth2/token 200");
    expect(log).toContain("web GET /oauth2/authorize");
    for (const secret of [
      code,
      state,
      verifier,
      challenge,
      tokens.access_token,
      tokens.refresh_token,
      tokens.id_token ?? "",
      rotated.access_token,
      rotated.refresh_token,
      CONFIDENTIAL_CLIENT.secret,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe("redactSecrets", () => {
  it("cuts query strings and replaces Polar credentials and secret parameters", () => {
    expect(redactSecrets("web GET /oauth2/authorize?state=abc&code_challenge=x 303")).toBe(
      "web GET /oauth2/authorize?… 303",
    );
    expect(redactSecrets("api GET /v1/products/polar_at_u_abc-DEF_123 404")).toBe(
      "api GET /v1/products/polar_at_u_[redacted] 404",
    );
    expect(redactSecrets("failed: code=polar_ac_x1 client_secret=s3cret refresh_token=r1")).toBe(
      "failed: code=[redacted] client_secret=[redacted] refresh_token=[redacted]",
    );
  });
});
