// sub_type=user consent picks the token's organizations: "All organizations"
// (the default: an unrestricted token, what a browser that just clicks Allow
// gets) or specific ones by checkbox, which down-scope the token to them
// (lists, objects, introspection's `organizations`, kept across refreshes).
// Mirrors PR #12667: server/polar/oauth2/grants/authorization_code.py
// (`_resolve_organization_ids`: the selection validated against what the
// session reaches, none = unrestricted), oauth2/authorization_server.py
// `save_token` (OAuth2TokenOrganization rows), oauth2/grants/refresh_token.py
// `authenticate_user` (the rows carried over), oauth2/endpoints/oauth2.py
// (`authorize`: the organizations offered; `consent`), auth/middlewares.py
// (the token's organization_ids bound what it reads) and the consent page
// clients/apps/web/src/app/(main)/oauth2/authorize/OrganizationSelector.tsx.
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, COMPILER_CLUB_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  authorizeUrl,
  Browser,
  pkcePair,
  refresh,
  authorizationCodeTokens,
  tokenRequest,
  USER_REDIRECT_URI,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, introspect, organizationIds } from "./helpers.ts";

const SCOPE = "openid organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

describe("the consent page for sub_type=user", () => {
  it('offers "All organizations", checked, or specific ones by checkbox', async () => {
    const { consentHtml } = await authorize(issuer, { userId: ADA_ID, scope: SCOPE, deny: true });
    expect(consentHtml).toMatch(
      /<input type="radio" name="organization_access" value="all" checked[^>]*> All organizations/,
    );
    expect(consentHtml).toMatch(
      /<input type="radio" name="organization_access" value="specific"[^>]*> Specific organizations/,
    );
    for (const id of [ACME_ID, NEBULA_ID])
      expect(consentHtml).toContain(`<input type="checkbox" name="organizations" value="${id}"`);
    expect(consentHtml).not.toContain(COMPILER_CLUB_ID);
  });
});

describe("the token", () => {
  it("is unrestricted when Allow is clicked with All organizations", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({ organizations: [] });
    expect(await organizationIds(issuer, tokens)).toEqual([ACME_ID, NEBULA_ID].sort());
  });

  it("is down-scoped to the organizations checked, across refreshes", async () => {
    const nebula = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: SCOPE,
      organizationIds: [NEBULA_ID],
    });
    expect(await introspect(issuer, nebula.access_token)).toMatchObject({
      sub: ADA_ID,
      organizations: [NEBULA_ID],
    });
    expect(await organizationIds(issuer, nebula)).toEqual([NEBULA_ID]);
    const products = (await (
      await apiGet(issuer, "/v1/products/?limit=100", nebula.access_token)
    ).json()) as {
      items: { organization_id: string }[];
    };
    expect(new Set(products.items.map((product) => product.organization_id))).toEqual(new Set([NEBULA_ID]));
    expect((await apiGet(issuer, `/v1/organizations/${ACME_ID}`, nebula.access_token)).status).toBe(404);
    const refreshed = (await (await refresh(issuer, nebula.refresh_token)).json()) as TokenSet;
    expect(await organizationIds(issuer, refreshed)).toEqual([NEBULA_ID]);

    const both = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: SCOPE,
      organizationIds: [NEBULA_ID, ACME_ID],
    });
    expect(await introspect(issuer, both.access_token)).toMatchObject({
      organizations: [ACME_ID, NEBULA_ID].sort(),
    });
  });

  it("ignores checked boxes when All organizations stays chosen, as Polar's page then sends none", async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkcePair();
    const login = await browser.open(await authorizeUrl(issuer, { scope: SCOPE, codeChallenge: challenge }));
    const consent = await browser.open(new URL(`${login.url.href}/login`), { user_id: ADA_ID });
    expect(await consent.response?.text()).toContain("Organization access");
    const { url: callback } = await browser.open(new URL(`${consent.url.href}/confirm`), {
      action: "allow",
      organization_access: "all",
      organizations: NEBULA_ID,
    });
    const tokens = (await (
      await tokenRequest(issuer, {
        grant_type: "authorization_code",
        code: callback.searchParams.get("code") ?? "",
        redirect_uri: USER_REDIRECT_URI,
        code_verifier: verifier,
      })
    ).json()) as TokenSet;
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({ active: true, organizations: [] });
  });
});

describe("a consent Polar refuses", () => {
  it("checks an organization the user cannot reach: 400 invalid_request on Polar's page", async () => {
    await expect(
      authorize(issuer, { userId: ADA_ID, scope: SCOPE, organizationIds: [COMPILER_CLUB_ID] }),
    ).rejects.toThrow(`invalid_request: Organization ${COMPILER_CLUB_ID} is not accessible`);
  });

  it("chooses Specific organizations with none checked (Polar's page keeps Allow disabled)", async () => {
    await expect(authorize(issuer, { userId: ADA_ID, scope: SCOPE, organizationIds: [] })).rejects.toThrow(
      "invalid_request: Select at least one organization, or choose All organizations.",
    );
  });
});
