// sub_type=organization: a user token down-scoped to the one organization the
// user picks on the consent page; sub_type=user: an unrestricted user token.
// Mirrors server/polar/oauth2/grants/authorization_code.py (`_validate_sub`,
// `_resolve_organization_ids`), oauth2/endpoints/oauth2.py (authorize, consent),
// authorization_server.py `save_token` and auth/middlewares.py (the token's
// organization_ids bound what the API returns).
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (test_organization_sub_type_issues_user_down_scope,
// test_organization_sub_type_requires_an_organization,
// test_organization_sub_type_keeps_single_org_on_multiple,
// test_authorization_code_user_carries_organization_down_scope,
// test_refresh_token_preserves_organization_down_scope).
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, COMPILER_CLUB_ID, GRACE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  control,
  ORG_REDIRECT_URI,
  refresh,
  authorizationCodeTokens,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, idTokenClaims, introspect, userinfo, organizationIds } from "./helpers.ts";

const SCOPE = "openid email organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

describe("the consent page", () => {
  it("asks for one of the user's organizations with radios labelled by name", async () => {
    const { consentHtml } = await authorize(issuer, {
      userId: ADA_ID,
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      deny: true,
    });
    expect(consentHtml).toMatch(
      new RegExp(`type="radio" name="organizations" value="${ACME_ID}" required aria`),
    );
    expect(consentHtml).toMatch(
      new RegExp(`type="radio" name="organizations" value="${NEBULA_ID}" required aria`),
    );
    expect(consentHtml).toContain("Acme Analytics");
    expect(consentHtml).toContain("Nebula Labs");
    expect(consentHtml).not.toContain("Compiler Club");
  });

  it("preselects the only organization of a user who has one", async () => {
    const { consentHtml } = await authorize(issuer, {
      userId: GRACE_ID,
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      deny: true,
    });
    expect(consentHtml).toMatch(
      new RegExp(`type="radio" name="organizations" value="${COMPILER_CLUB_ID}" required checked`),
    );
  });
});

describe("sub_type=organization", () => {
  it("issues a user token whose subject is the user, down-scoped to the picked organization", async () => {
    const tokens = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: NEBULA_ID,
      scope: SCOPE,
    });
    expect(tokens.access_token).toMatch(/^polar_at_u_/);
    expect(tokens.refresh_token).toMatch(/^polar_rt_u_/);
    expect((await idTokenClaims(issuer, tokens.id_token)).payload.sub).toBe(ADA_ID);
    expect((await userinfo(issuer, tokens.access_token)).body?.["sub"]).toBe(ADA_ID);
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({
      active: true,
      sub_type: "user",
      sub: ADA_ID,
      organizations: [NEBULA_ID],
    });
  });

  it("acts on that organization only: lists hold its rows, another organization's object is 404", async () => {
    const tokens = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: NEBULA_ID,
      scope: SCOPE,
    });
    expect(await organizationIds(issuer, tokens)).toEqual([NEBULA_ID]);
    const products = (await (
      await apiGet(issuer, "/v1/products/?limit=100", tokens.access_token)
    ).json()) as {
      items: { organization_id: string }[];
      pagination: { total_count: number };
    };
    expect(products.pagination.total_count).toBe(4);
    expect(new Set(products.items.map((product) => product.organization_id))).toEqual(new Set([NEBULA_ID]));
    expect((await apiGet(issuer, `/v1/organizations/${ACME_ID}`, tokens.access_token)).status).toBe(404);
    const acmeProducts = await apiGet(
      issuer,
      `/v1/products/?organization_id=${ACME_ID}`,
      tokens.access_token,
    );
    expect(((await acmeProducts.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("keeps the down-scope across refreshes", async () => {
    const first = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: ACME_ID,
      scope: SCOPE,
    });
    const second = (await (await refresh(issuer, first.refresh_token)).json()) as TokenSet;
    expect(second.access_token).toMatch(/^polar_at_u_/);
    expect(await organizationIds(issuer, second)).toEqual([ACME_ID]);
  });

  it("answers Allow without an organization with a 400 invalid_request on Polar's page (test_organization_sub_type_requires_an_organization)", async () => {
    await expect(
      authorize(issuer, { userId: ADA_ID, subType: "organization", redirectUri: ORG_REDIRECT_URI }),
    ).rejects.toThrow(
      /^emulator answered 400 at \/oauth2\/interaction\/[\w-]+\/confirm: invalid_request: sub_type=organization requires selecting an organization$/,
    );
  });

  it("refuses an organization the user does not belong to with a 400 on Polar's page", async () => {
    const attempt = authorize(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: COMPILER_CLUB_ID,
      redirectUri: ORG_REDIRECT_URI,
    });
    await expect(attempt).rejects.toThrow(
      `invalid_request: Organization ${COMPILER_CLUB_ID} is not accessible`,
    );
  });

  it("can be revoked through the organization it is down-scoped to", async () => {
    const acme = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      subType: "organization",
      organizationId: ACME_ID,
      scope: SCOPE,
    });
    const unrestricted = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(await (await control(issuer, "revoke", { organization_id: ACME_ID })).json()).toEqual({
      revoked_grants: 1,
    });
    expect((await refresh(issuer, acme.refresh_token)).status).toBe(400);
    expect((await refresh(issuer, unrestricted.refresh_token)).status).toBe(200);
  });
});

describe("sub_type=user", () => {
  it("issues an unrestricted user token: every organization of the user", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, subType: "user", scope: SCOPE });
    expect(tokens.access_token).toMatch(/^polar_at_u_/);
    expect((await organizationIds(issuer, tokens)).sort()).toEqual([ACME_ID, NEBULA_ID].sort());
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({
      sub_type: "user",
      sub: ADA_ID,
      organizations: [],
    });
  });
});
