// An organization that turns SSO enforcement on: every token down-scoped to it
// is revoked (access and refresh), unrestricted tokens keep working but no
// longer reach it, nor does a non-SSO session's consent page offer it; legacy
// organization tokens are neither revoked nor hidden.
// Mirrors server/polar/organization/service.py `update` (sso_newly_enforced),
// oauth2/service/oauth2_token.py `revoke_for_sso_enforcement`,
// oauth2/repository.py `revoke_scoped_to_organization`, authz/repository.py
// `select_accessible_org_ids` (SSO-enforced organizations are out for a user
// session or an unrestricted OAuth token; a down-scope is not filtered) and
// authz/service.py `get_accessible_org_ids` (an organization subject is itself).
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  control,
  ORG_REDIRECT_URI,
  refresh,
  authorizationCodeTokens,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, introspect, organizationIds } from "./helpers.ts";

const SCOPE = "openid organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const enforce = async (organization_id: string, enforced: boolean) =>
  (await control(issuer, "sso-enforcement", { organization_id, enforced })).json();

const downScoped = (organizationId: string) =>
  authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE, subType: "organization", organizationId });

describe("turning SSO enforcement on", () => {
  it("revokes the tokens down-scoped to the organization, access and refresh", async () => {
    const nebula = await downScoped(NEBULA_ID);
    const acme = await downScoped(ACME_ID);
    expect(await enforce(NEBULA_ID, true)).toEqual({
      organization_id: NEBULA_ID,
      enforced: true,
      revoked_grants: 1,
    });
    expect((await apiGet(issuer, "/v1/organizations/", nebula.access_token)).status).toBe(401);
    expect(await (await refresh(issuer, nebula.refresh_token)).json()).toMatchObject({
      error: "invalid_grant",
    });
    expect(await introspect(issuer, nebula.access_token)).toEqual({ active: false });
    expect(await organizationIds(issuer, acme)).toEqual([ACME_ID]);
  });

  it("revokes a token down-scoped to several organizations when one of them enforces SSO", async () => {
    const both = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: SCOPE,
      organizationIds: [ACME_ID, NEBULA_ID],
    });
    expect(await enforce(NEBULA_ID, true)).toMatchObject({ revoked_grants: 1 });
    expect((await apiGet(issuer, "/v1/organizations/", both.access_token)).status).toBe(401);
  });

  it("leaves unrestricted tokens working, out of the organization's reach", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await enforce(NEBULA_ID, true);
    expect(await organizationIds(issuer, ada)).toEqual([ACME_ID]);
    expect((await apiGet(issuer, `/v1/organizations/${NEBULA_ID}`, ada.access_token)).status).toBe(404);
    const products = (await (
      await apiGet(issuer, `/v1/products/?organization_id=${NEBULA_ID}`, ada.access_token)
    ).json()) as { items: unknown[] };
    expect(products.items).toEqual([]);
    expect((await refresh(issuer, ada.refresh_token)).status).toBe(200);
  });

  it("leaves legacy organization tokens alone: they still read the organization, which says sso_enforced", async () => {
    const legacy = (await (
      await control(issuer, "legacy-organization-token", { organization_id: NEBULA_ID, scope: SCOPE })
    ).json()) as TokenSet;
    expect(await enforce(NEBULA_ID, true)).toMatchObject({ revoked_grants: 0 });
    const organization = await apiGet(issuer, `/v1/organizations/${NEBULA_ID}`, legacy.access_token);
    expect(organization.status).toBe(200);
    expect(await organization.json()).toMatchObject({ id: NEBULA_ID, sso_enforced: true });
  });

  it("hides the organization from a non-SSO session's consent page", async () => {
    await enforce(NEBULA_ID, true);
    const { consentHtml } = await authorize(issuer, {
      userId: ADA_ID,
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      deny: true,
    });
    expect(consentHtml).toContain("Acme Analytics");
    expect(consentHtml).not.toContain("Nebula Labs");
    await expect(downScoped(NEBULA_ID)).rejects.toThrow(`Organization ${NEBULA_ID} is not accessible`);
  });
});

describe("turning it off, or a reset", () => {
  it("brings the organization back to unrestricted tokens", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await enforce(NEBULA_ID, true);
    expect(await enforce(NEBULA_ID, false)).toMatchObject({ enforced: false, revoked_grants: 0 });
    expect(await organizationIds(issuer, ada)).toEqual([ACME_ID, NEBULA_ID].sort());
    await enforce(ACME_ID, true);
    await control(issuer, "reset", {});
    const again = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(await organizationIds(issuer, again)).toEqual([ACME_ID, NEBULA_ID].sort());
  });

  it("refuses a malformed request with 400", async () => {
    expect((await control(issuer, "sso-enforcement", { organization_id: NEBULA_ID })).status).toBe(400);
    expect(
      (
        await control(issuer, "sso-enforcement", {
          organization_id: "9e4b2c1a-0000-4000-8000-000000000000",
          enforced: true,
        })
      ).status,
    ).toBe(400);
  });
});
