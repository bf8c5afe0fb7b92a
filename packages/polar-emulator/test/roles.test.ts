// Organization roles gate on top of scopes. Every role reads products,
// customers, sales and analytics; `member` lacks finance:read, `finance` lacks
// members:read. A missing read permission is no error on a list: the
// organizations whose role lacks it are filtered out (200, maybe empty).
// Organization-path guards answer 404 to a non-member and 403 NotPermitted,
// with the permission's message, to a member whose role lacks it; an
// organization token is the organization and passes; an endpoint for users
// only answers an organization token 401 Unauthorized.
// Mirrors server/polar/auth/permission.py (ROLE_PERMISSIONS,
// PERMISSION_DENIED_MESSAGE), authz/service.py `get_accessible_org_ids`,
// authz/repository.py (`roles_with_permission`), authz/policies/*.py,
// authz/dependencies.py (OrgPolicyGuard, AuthorizeMembersRead,
// AuthorizeFinanceRead), auth/dependencies.py (Authenticator), the list
// services (product/service.py, customer/service.py, order/service.py,
// subscription/repository.py, metrics/service.py), organization/endpoints.py
// (`/{id}/members`, `/{id}/account`) and payout/service.py `list`.
import { describe, expect, it } from "vitest";
import {
  ACME_ID,
  ADA_ID,
  COMPILER_CLUB_ID,
  GRACE_ID,
  HEDY_ID,
  KATHERINE_ID,
  NEBULA_ID,
  organizations,
} from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { apiGet } from "./helpers.ts";

const SCOPE =
  "openid organizations:read products:read customers:read orders:read subscriptions:read metrics:read payouts:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

async function get(token: TokenSet, path: string) {
  const response = await apiGet(issuer, path, token.access_token);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const items = (body: Record<string, unknown>) => body["items"] as Record<string, unknown>[];
const sign = (userId: string, scope = SCOPE) => authorizationCodeTokens(issuer, { userId, scope });

describe("the seed", () => {
  it("gives every membership a role: Ada owns Acme and Nebula, Katherine is finance and Hedy a member in Nebula", () => {
    const roles = Object.fromEntries(
      organizations.map((org) => [org.slug, org.members.map((member) => `${member.userId}:${member.role}`)]),
    );
    expect(roles).toEqual({
      "acme-analytics": [`${ADA_ID}:owner`],
      "nebula-labs": [`${ADA_ID}:owner`, `${KATHERINE_ID}:finance`, `${HEDY_ID}:member`],
      "compiler-club": [`${GRACE_ID}:owner`],
    });
  });
});

describe("reads every role holds", () => {
  it("give finance and member the organization's products, customers, orders, subscriptions and metrics", async () => {
    for (const userId of [KATHERINE_ID, HEDY_ID]) {
      const token = await sign(userId);
      for (const path of ["/v1/products/", "/v1/customers/", "/v1/orders/", "/v1/subscriptions/"]) {
        const page = await get(token, `${path}?organization_id=${NEBULA_ID}`);
        expect(page.status, `${userId} ${path}`).toBe(200);
        expect(items(page.body).length, `${userId} ${path}`).toBeGreaterThan(0);
      }
      const metrics = await get(
        token,
        "/v1/metrics/?start_date=2025-01-01&end_date=2026-12-31&interval=month",
      );
      expect((metrics.body["totals"] as Record<string, number>)["orders"]).toBeGreaterThan(0);
    }
  });
});

describe("a list whose read permission the role lacks", () => {
  it("filters out that organization's rows: payouts need finance:read", async () => {
    const accountOf = async (token: TokenSet, org: string) =>
      (await get(token, `/v1/organizations/${org}/account`)).body["id"];
    const ada = await sign(ADA_ID);
    const katherine = await sign(KATHERINE_ID);
    const hedy = await sign(HEDY_ID);
    const accounts = (page: Record<string, unknown>) =>
      new Set(items(page).map((payout) => payout["account_id"]));

    const adaPayouts = await get(ada, "/v1/payouts/?limit=100");
    expect(accounts(adaPayouts.body)).toEqual(
      new Set([await accountOf(ada, ACME_ID), await accountOf(ada, NEBULA_ID)]),
    );
    const katherinePayouts = await get(katherine, "/v1/payouts/?limit=100");
    expect(katherinePayouts.status).toBe(200);
    expect(accounts(katherinePayouts.body)).toEqual(new Set([await accountOf(ada, NEBULA_ID)]));
    const hedyPayouts = await get(hedy, "/v1/payouts/");
    expect([hedyPayouts.status, hedyPayouts.body]).toEqual([
      200,
      { items: [], pagination: { total_count: 0, max_page: 0 } },
    ]);
  });

  it("is for users only: an organization token gets 401 Unauthorized", async () => {
    const legacy = (await (
      await control(issuer, "legacy-organization-token", { organization_id: NEBULA_ID, scope: SCOPE })
    ).json()) as TokenSet;
    const refused = await get(legacy, "/v1/payouts/");
    expect([refused.status, refused.body]).toEqual([401, { error: "Unauthorized", detail: "Unauthorized" }]);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="polar"');
  });
});

describe("an organization-path guard", () => {
  it("answers 403 NotPermitted to a role without the permission: finance cannot list members", async () => {
    const ada = await sign(ADA_ID);
    const members = await get(ada, `/v1/organizations/${NEBULA_ID}/members`);
    expect(members.status).toBe(200);
    expect(items(members.body).map((member) => [member["user_id"], member["role"]])).toEqual([
      [ADA_ID, "owner"],
      [KATHERINE_ID, "finance"],
      [HEDY_ID, "member"],
    ]);
    expect(members.body["pagination"]).toEqual({ total_count: 3, max_page: 1 });
    expect((await get(await sign(HEDY_ID), `/v1/organizations/${NEBULA_ID}/members`)).status).toBe(200);
    const finance = await get(await sign(KATHERINE_ID), `/v1/organizations/${NEBULA_ID}/members`);
    expect([finance.status, finance.body]).toEqual([
      403,
      { error: "NotPermitted", detail: "You don't have permission to view members" },
    ]);
  });

  it("answers 403 NotPermitted to a member without finance:read on the organization's account", async () => {
    const account = await get(await sign(KATHERINE_ID), `/v1/organizations/${NEBULA_ID}/account`);
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      currency: "usd",
      payout_interval: 86_400,
      payout_transaction_delay: "P7D",
    });
    const member = await get(await sign(HEDY_ID), `/v1/organizations/${NEBULA_ID}/account`);
    expect([member.status, member.body]).toEqual([
      403,
      { error: "NotPermitted", detail: "You don't have permission to access financial data" },
    ]);
  });

  it("answers 404 to a non-member whatever the role, checks scopes first, and lets an organization token through", async () => {
    const grace = await sign(GRACE_ID);
    expect((await get(grace, `/v1/organizations/${NEBULA_ID}/members`)).body).toEqual({
      error: "ResourceNotFound",
      detail: "Not found",
    });
    expect((await get(grace, `/v1/organizations/${COMPILER_CLUB_ID}/account`)).status).toBe(404);
    const narrow = await sign(KATHERINE_ID, "openid organizations:read");
    const noScope = await get(narrow, `/v1/organizations/${NEBULA_ID}/account`);
    expect([noScope.status, noScope.body["error"]]).toEqual([403, "insufficient_scope"]);
    const legacy = (await (
      await control(issuer, "legacy-organization-token", { organization_id: NEBULA_ID, scope: SCOPE })
    ).json()) as TokenSet;
    expect((await get(legacy, `/v1/organizations/${NEBULA_ID}/members`)).status).toBe(200);
  });
});
