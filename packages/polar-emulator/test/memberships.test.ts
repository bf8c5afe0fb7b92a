// A member removed from an organization (a soft delete) keeps their tokens,
// even one down-scoped to that organization, but can no longer reach it: its
// GET is 404, lists answer 200 without its rows, objects of it are 404, metrics
// count nothing, and neither the user's organization list nor the consent
// page's picker shows it. A legacy token's refresh counts only current members.
// Mirrors server/polar/user_organization/service.py (`remove_member`: sets
// deleted_at, revokes nothing), authz/repository.py (`select_user_org_ids`,
// `select_accessible_org_ids`: `~UserOrganization.is_deleted`, then the
// token's down-scope), authz/service.py (`get_accessible_org_ids`,
// `get_accessible_organization`), authz/dependencies.py (OrgPolicyGuard: 404
// for an organization the subject cannot reach), the list services (e.g.
// product/service.py `list`), oauth2/endpoints/oauth2.py `authorize` (the
// picker's organizations) and oauth2/grants/refresh_token.py `_single_member`.
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, GRACE_ID, HEDY_ID, KATHERINE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import {
  authorize,
  control,
  ORG_REDIRECT_URI,
  refresh,
  authorizationCodeTokens,
  type TokenSet,
} from "../src/testing.ts";
import { apiGet, introspect, userinfo } from "./helpers.ts";

const SCOPE = "openid email organizations:read products:read metrics:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const membership = (user_id: string, organization_id: string, member: boolean) =>
  control(issuer, "memberships", { user_id, organization_id, member });

async function body(token: TokenSet, path: string) {
  const response = await apiGet(issuer, path, token.access_token);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const ids = (page: Record<string, unknown>) => (page["items"] as { id: string }[]).map((item) => item.id);
const metricsOf = (organizationId?: string) =>
  `/v1/metrics/?start_date=2025-01-01&end_date=2026-12-31&interval=month${
    organizationId ? `&organization_id=${organizationId}` : ""
  }`;

describe("a removed member", () => {
  it("keeps an unrestricted token that no longer reaches the organization", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const [nebulaProduct] = (
      (await body(ada, `/v1/products/?organization_id=${NEBULA_ID}`)).json["items"] as { id: string }[]
    ).map((product) => product.id);
    expect((await body(ada, metricsOf(NEBULA_ID))).json["totals"]).toMatchObject({
      revenue: expect.any(Number),
    });

    expect((await membership(ADA_ID, NEBULA_ID, false)).status).toBe(200);
    expect(ids((await body(ada, "/v1/organizations/")).json)).toEqual([ACME_ID]);
    expect((await body(ada, `/v1/organizations/${NEBULA_ID}`)).status).toBe(404);
    const products = await body(ada, `/v1/products/?organization_id=${NEBULA_ID}`);
    expect([products.status, ids(products.json)]).toEqual([200, []]);
    expect((await body(ada, `/v1/products/${nebulaProduct}`)).status).toBe(404);
    const totals = (await body(ada, metricsOf(NEBULA_ID))).json["totals"] as Record<string, number>;
    expect(totals["revenue"]).toBe(0);
    expect(totals["orders"]).toBe(0);
    expect((await userinfo(issuer, ada.access_token)).status).toBe(200);
  });

  it("keeps a token down-scoped to the organization, which then reaches nothing", async () => {
    const nebula = await authorizationCodeTokens(issuer, {
      userId: ADA_ID,
      scope: SCOPE,
      subType: "organization",
      organizationId: NEBULA_ID,
    });
    await membership(ADA_ID, NEBULA_ID, false);
    const organizations = await body(nebula, "/v1/organizations/");
    expect([organizations.status, ids(organizations.json)]).toEqual([200, []]);
    expect((await body(nebula, `/v1/organizations/${NEBULA_ID}`)).status).toBe(404);
    expect(ids((await body(nebula, "/v1/products/")).json)).toEqual([]);
    const totals = (await body(nebula, metricsOf())).json["totals"] as Record<string, number>;
    expect(Object.values(totals).every((value) => value === 0)).toBe(true);
    expect(await introspect(issuer, nebula.access_token)).toMatchObject({
      active: true,
      organizations: [NEBULA_ID],
    });
    expect((await refresh(issuer, nebula.refresh_token)).status).toBe(200);
  });

  it("no longer sees the organization on the consent page, and cannot pick it", async () => {
    await membership(ADA_ID, NEBULA_ID, false);
    const { consentHtml } = await authorize(issuer, {
      userId: ADA_ID,
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      deny: true,
    });
    expect(consentHtml).toContain("Acme Analytics");
    expect(consentHtml).not.toContain("Nebula Labs");
    await expect(
      authorize(issuer, {
        userId: ADA_ID,
        subType: "organization",
        organizationId: NEBULA_ID,
        redirectUri: ORG_REDIRECT_URI,
      }),
    ).rejects.toThrow(`invalid_request: Organization ${NEBULA_ID} is not accessible`);
  });

  it("reaches it again once restored, or after a reset", async () => {
    const ada = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await membership(ADA_ID, NEBULA_ID, false);
    await membership(ADA_ID, NEBULA_ID, true);
    expect(ids((await body(ada, "/v1/organizations/")).json).sort()).toEqual([ACME_ID, NEBULA_ID].sort());
    await membership(ADA_ID, ACME_ID, false);
    await control(issuer, "reset", {});
    const again = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(ids((await body(again, "/v1/organizations/")).json)).toContain(ACME_ID);
  });

  it("no longer counts for a legacy token's refresh: with one member left, it becomes that member's token", async () => {
    const legacy = (await (
      await control(issuer, "legacy-organization-token", { organization_id: NEBULA_ID, scope: SCOPE })
    ).json()) as TokenSet;
    await membership(KATHERINE_ID, NEBULA_ID, false);
    await membership(HEDY_ID, NEBULA_ID, false);
    const refreshed = (await (await refresh(issuer, legacy.refresh_token)).json()) as TokenSet;
    expect(refreshed.access_token).toMatch(/^polar_at_u_/);
    expect(await introspect(issuer, refreshed.access_token)).toMatchObject({
      sub: ADA_ID,
      organizations: [NEBULA_ID],
    });
  });
});

describe("the memberships control", () => {
  it("changes only seeded memberships", async () => {
    expect((await membership(GRACE_ID, ACME_ID, false)).status).toBe(400);
    expect((await membership(ADA_ID, "9e4b2c1a-0000-4000-8000-000000000000", false)).status).toBe(400);
    expect((await control(issuer, "memberships", { user_id: ADA_ID, organization_id: ACME_ID })).status).toBe(
      400,
    );
  });
});
