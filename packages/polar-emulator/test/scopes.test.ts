// Requested scopes: one outside Polar's list is invalid_scope; one Polar knows
// but the client did not register is dropped without an error (the token gets
// the intersection); none at all means the client's registered scopes.
// Mirrors authlib's AuthorizationServer `validate_requested_scope` (Polar
// passes its Scope enum as scopes_supported, oauth2/authorization_server.py),
// authlib's BearerTokenGenerator `get_allowed_scope` → the client's
// `get_allowed_scope`, and server/polar/oauth2/grants/authorization_code.py
// `before_validate_authorization_request_payload`.
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (TestOAuth2Authorize.test_no_scope).
import { describe, expect, it } from "vitest";
import { ADA_ID, clients } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { authorize, CONFIDENTIAL_CLIENT, authorizationCodeTokens } from "../src/testing.ts";
import { introspect } from "./helpers.ts";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const registered = clients.find((client) => client.client_id === CONFIDENTIAL_CLIENT.id)?.scope ?? "";

describe("requested scopes", () => {
  it("outside Polar's list are invalid_scope, redirected with the state and iss", async () => {
    const { callback } = await authorize(issuer, {
      userId: ADA_ID,
      scope: "openid nonsense:read",
      state: "s",
    });
    expect(callback.searchParams.get("error")).toBe("invalid_scope");
    expect(callback.searchParams.get("state")).toBe("s");
    expect(callback.searchParams.get("iss")).toBe(issuer);
  });

  it("that the client did not register are shown, then dropped from the token without an error", async () => {
    expect(registered.split(" ")).not.toContain("webhooks:write");
    const { consentHtml } = await authorize(issuer, {
      userId: ADA_ID,
      scope: "openid webhooks:write",
      deny: true,
    });
    expect(consentHtml).toContain("Create or modify webhooks");
    const tokens = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: "openid products:read webhooks:write",
    });
    expect(tokens.scope).toBe("openid products:read");
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({ scope: "openid products:read" });
  });

  it("default to the client's registered scopes when the request has none", async () => {
    const { consentHtml } = await authorize(issuer, { userId: ADA_ID, scope: null, deny: true });
    for (const name of ["Read your organizations", "Read metrics", "Create or modify products"])
      expect(consentHtml).toContain(name);
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: null });
    expect(tokens.scope.split(" ").sort()).toEqual(registered.split(" ").sort());
  });
});
