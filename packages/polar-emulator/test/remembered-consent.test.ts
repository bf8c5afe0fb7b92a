// Login sessions on the web origin and remembered consent: a user who already
// granted the requested scopes to a client is sent straight back with a code,
// unless the request says prompt=consent; prompt=none never shows a page.
// Mirrors server/polar/oauth2/grants/authorization_code.py
// (`_validate_scope_consent`), oauth2/service/oauth2_grant.py
// (`has_granted_scope`, `create_or_update_grant`) and oauth2/endpoints/oauth2.py
// (authorize answers prompt=none itself).
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (TestOAuth2Authorize.test_granted, test_granted_prompt_consent,
// test_new_scope, test_not_granted_prompt_none, test_unauthenticated_prompt_none).
import { describe, expect, it } from "vitest";
import { ADA_ID, GRACE_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  authorizeUrl,
  Browser,
  control,
  isConsentPage,
  isLoginPage,
  ORG_REDIRECT_URI,
} from "../src/testing.ts";

const SCOPE = "openid email organizations:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

/** A browser in which Ada signed in and allowed SCOPE to the client once. */
async function adaAfterOneConsent() {
  const browser = new Browser();
  const first = await authorize(issuer, { userId: ADA_ID, scope: SCOPE, browser });
  expect(first.loginHtml).not.toBe("");
  expect(first.consentHtml).not.toBe("");
  return browser;
}

describe("a login session on the web origin", () => {
  it("signs the browser in once: the next authorization shows no login page", async () => {
    const browser = new Browser();
    await authorize(issuer, { userId: ADA_ID, scope: "openid", deny: true, browser });
    const second = await authorize(issuer, { scope: SCOPE, deny: true, browser });
    expect(second.loginHtml).toBe("");
    expect(second.consentHtml).toContain("Signed in as <strong>Ada Lovelace</strong>");
  });

  it("is left by Use another account, which shows the login page and signs in someone else", async () => {
    const browser = new Browser();
    await authorize(issuer, { userId: ADA_ID, scope: "openid", deny: true, browser });
    const consent = await browser.open(await authorizeUrl(issuer, { scope: SCOPE }));
    expect(isConsentPage((await consent.response?.text()) ?? "")).toBe(true);
    const login = await browser.open(new URL(`${consent.url.href}/switch`), {});
    expect(isLoginPage((await login.response?.text()) ?? "")).toBe(true);
    const graceConsent = await browser.open(new URL(`${login.url.href}/login`), { user_id: GRACE_ID });
    expect(await graceConsent.response?.text()).toContain("Signed in as <strong>Grace Hopper</strong>");
  });
});

describe("remembered consent", () => {
  it("sends a signed-in user who granted the scopes straight back with a code and iss", async () => {
    const browser = await adaAfterOneConsent();
    const again = await authorize(issuer, { scope: SCOPE, state: "again", browser });
    expect(again.loginHtml).toBe("");
    expect(again.consentHtml).toBe("");
    expect(again.callback.searchParams.get("code")).toMatch(/^polar_ac_/);
    expect(again.callback.searchParams.get("iss")).toBe(issuer);
    expect(again.callback.searchParams.get("state")).toBe("again");
  });

  it("applies after a fresh login too, and to a subset of the granted scopes", async () => {
    await adaAfterOneConsent();
    const fresh = await authorize(issuer, { userId: ADA_ID, scope: "openid email" });
    expect(fresh.loginHtml).not.toBe("");
    expect(fresh.consentHtml).toBe("");
    expect(fresh.callback.searchParams.get("code")).toMatch(/^polar_ac_/);
  });

  it("shows the consent page again for a scope not granted yet, then remembers the new set", async () => {
    const browser = await adaAfterOneConsent();
    const wider = await authorize(issuer, { scope: `${SCOPE} products:read`, browser });
    expect(wider.consentHtml).toContain("Read products");
    expect((await authorize(issuer, { scope: "products:read", browser })).consentHtml).toBe("");
  });

  it("is remembered per user: another user sees the consent page", async () => {
    await adaAfterOneConsent();
    expect((await authorize(issuer, { userId: GRACE_ID, scope: SCOPE })).consentHtml).not.toBe("");
  });

  it("does not skip the page for prompt=consent", async () => {
    const browser = await adaAfterOneConsent();
    const prompted = await authorize(issuer, { scope: SCOPE, prompt: "consent", browser });
    expect(prompted.consentHtml).not.toBe("");
    expect(prompted.callback.searchParams.get("code")).toMatch(/^polar_ac_/);
  });

  it("is not taken by a denial", async () => {
    const browser = new Browser();
    await authorize(issuer, { userId: ADA_ID, scope: SCOPE, deny: true, browser });
    expect((await authorize(issuer, { scope: SCOPE, deny: true, browser })).consentHtml).not.toBe("");
  });

  it("makes sub_type=organization without prompt=consent fail on Polar's page: no organization gets picked", async () => {
    // Polar raises InvalidRequestError without a redirect_uri: a 400, the browser stays on Polar.
    const browser = await adaAfterOneConsent();
    const attempt = authorize(issuer, {
      scope: SCOPE,
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      prompt: null,
      browser,
    });
    await expect(attempt).rejects.toThrow(
      /^emulator answered 400 at \/oauth2\/authorize.*: invalid_request: sub_type=organization requires selecting an organization$/,
    );
  });

  it("is forgotten, with the login sessions, by /__emulator/reset", async () => {
    const browser = await adaAfterOneConsent();
    await control(issuer, "reset", {});
    const after = await authorize(issuer, { userId: ADA_ID, scope: SCOPE, deny: true, browser });
    expect(after.loginHtml).not.toBe("");
    expect(after.consentHtml).not.toBe("");
  });
});

describe("prompt=none", () => {
  it("answers login_required when nobody is signed in", async () => {
    const { callback } = await authorize(issuer, { scope: SCOPE, prompt: "none" });
    expect(callback.searchParams.get("error")).toBe("login_required");
    expect(callback.searchParams.get("iss")).toBe(issuer);
  });

  it("answers consent_required when the signed-in user has not granted the scopes", async () => {
    const browser = await adaAfterOneConsent();
    const { callback } = await authorize(issuer, {
      scope: `${SCOPE} products:read`,
      prompt: "none",
      browser,
    });
    expect(callback.searchParams.get("error")).toBe("consent_required");
    expect(callback.searchParams.get("iss")).toBe(issuer);
  });

  it("returns a code when they have", async () => {
    const browser = await adaAfterOneConsent();
    const { callback } = await authorize(issuer, { scope: SCOPE, prompt: "none", browser });
    expect(callback.searchParams.get("code")).toMatch(/^polar_ac_/);
  });
});
