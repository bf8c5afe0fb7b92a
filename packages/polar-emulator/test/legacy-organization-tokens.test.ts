// Legacy organization tokens (issued before mid-2026, `sub` = the organization)
// keep working; a refresh turns one into a user token when its organization
// has a single member, and keeps it an organization token otherwise.
// Mirrors server/polar/oauth2/grants/refresh_token.py (`authenticate_user`,
// `_single_member`), oauth2/constants.py (prefixes) and
// models/oauth2_token.py `get_introspection_data`.
// Polar's own tests: server/tests/oauth2/endpoints/test_oauth2.py
// (TestOAuth2Token.test_refresh_token_sub_organization,
// test_refresh_token_migrates_single_member_org_token,
// test_refresh_token_keeps_multi_member_org_token).
import { describe, expect, it } from "vitest";
import { ACME_ID, ADA_ID, COMPILER_CLUB_ID, GRACE_ID, KATHERINE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, refresh, type TokenSet } from "../src/testing.ts";
import { introspect, organizationIds, userinfo } from "./helpers.ts";

const SCOPE = "openid organizations:read products:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

async function legacyToken(body: Record<string, string>): Promise<TokenSet> {
  const response = await control(issuer, "legacy-organization-token", body);
  expect(response.status).toBe(200);
  return (await response.json()) as TokenSet;
}

describe("a legacy organization token", () => {
  it("is issued by the test control in Polar's token response shape", async () => {
    const tokens = await legacyToken({ organization_id: NEBULA_ID, scope: SCOPE });
    expect(Object.keys(tokens)).toEqual([
      "token_type",
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
    ]);
    expect(tokens).toMatchObject({ token_type: "Bearer", scope: SCOPE, expires_in: expect.any(Number) });
    expect(tokens.access_token).toMatch(/^polar_at_o_[\w-]{40,}$/);
    expect(tokens.refresh_token).toMatch(/^polar_rt_o_[\w-]{40,}$/);
  });

  it("has the organization as subject and acts on it only", async () => {
    const tokens = await legacyToken({ organization_id: NEBULA_ID, user_id: KATHERINE_ID, scope: SCOPE });
    expect((await userinfo(issuer, tokens.access_token)).body?.["sub"]).toBe(NEBULA_ID);
    expect(await introspect(issuer, tokens.access_token)).toMatchObject({
      active: true,
      sub_type: "organization",
      sub: NEBULA_ID,
      organizations: [],
    });
    expect(await organizationIds(issuer, tokens)).toEqual([NEBULA_ID]);
  });

  it("becomes a user token of the only member, down-scoped to the organization, on refresh", async () => {
    const legacy = await legacyToken({ organization_id: ACME_ID, scope: SCOPE });
    const refreshed = (await (await refresh(issuer, legacy.refresh_token)).json()) as TokenSet;
    expect(refreshed.access_token).toMatch(/^polar_at_u_/);
    expect(refreshed.refresh_token).toMatch(/^polar_rt_u_/);
    expect(refreshed.scope).toBe(SCOPE);
    expect((await userinfo(issuer, refreshed.access_token)).body?.["sub"]).toBe(ADA_ID);
    expect(await introspect(issuer, refreshed.access_token)).toMatchObject({
      sub_type: "user",
      sub: ADA_ID,
      organizations: [ACME_ID],
    });
    expect(await organizationIds(issuer, refreshed)).toEqual([ACME_ID]);
    expect((await refresh(issuer, legacy.refresh_token)).status).toBe(400);
  });

  it("stays an organization token on refresh when the organization has several members", async () => {
    const legacy = await legacyToken({ organization_id: NEBULA_ID, scope: SCOPE });
    const refreshed = (await (await refresh(issuer, legacy.refresh_token)).json()) as TokenSet;
    expect(refreshed.access_token).toMatch(/^polar_at_o_/);
    expect(refreshed.refresh_token).toMatch(/^polar_rt_o_/);
    expect((await userinfo(issuer, refreshed.access_token)).body?.["sub"]).toBe(NEBULA_ID);
  });
});

describe("the legacy-organization-token control", () => {
  it("refuses an unknown organization, a user who is not a member and an unknown scope", async () => {
    expect((await control(issuer, "legacy-organization-token", {})).status).toBe(400);
    expect(
      (
        await control(issuer, "legacy-organization-token", {
          organization_id: "9e4b2c1a-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await control(issuer, "legacy-organization-token", {
          organization_id: COMPILER_CLUB_ID,
          user_id: ADA_ID,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await control(issuer, "legacy-organization-token", {
          organization_id: COMPILER_CLUB_ID,
          user_id: GRACE_ID,
          scope: "openid nonsense:read",
        })
      ).status,
    ).toBe(400);
  });
});
