// The load-test population: generated users spread over generated
// organizations that each sell a few products, signed in over plain HTTP
// through the login form. Not Polar behaviour: a test fixture of the emulator.
import { describe, expect, it } from "vitest";
import { createDataset } from "../src/data/dataset.ts";
import { loadPopulation } from "../src/data/load-population.ts";
import { ADA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { authorize, ORG_REDIRECT_URI, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";
import { apiGet } from "./helpers.ts";

const SIZE = { users: 120, organizations: 12 };
const SCOPE = "openid email organizations:read products:read customers:read orders:read subscriptions:read";

let issuer: string;
withEmulator(
  (started) => {
    issuer = started;
  },
  { loadUsers: SIZE.users, loadOrganizations: SIZE.organizations },
);

const list = async (token: TokenSet, path: string) =>
  (await (await apiGet(issuer, path, token.access_token)).json()) as {
    items: Record<string, unknown>[];
    pagination: { total_count: number };
  };

describe("the load-test population", () => {
  it("is generated from its size alone: the same ids every time", () => {
    const ids = () => {
      const data = createDataset({ users: 5, organizations: 2 }, 0);
      return [...data.users, ...data.organizations, ...data.products, ...data.orders].map((row) => row.id);
    };
    expect(ids()).toEqual(ids());
    const { users } = loadPopulation({ users: 5, organizations: 2 });
    expect(users.map((user) => user.email)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `load-user-00${n}@example.com`),
    );
  });

  it("keeps the login page usable: seeded people as buttons, generated users in one list", async () => {
    const { loginHtml } = await authorize(issuer, { userId: ADA_ID, deny: true });
    expect(loginHtml).toMatch(/<button[^>]*>Continue as Ada Lovelace<\/button>/);
    expect(loginHtml).toContain("Load-test accounts (120)");
    expect(loginHtml.match(/<option /g)).toHaveLength(120);
    expect(loginHtml).toContain("load-user-120@example.com");
    expect(loginHtml.match(/<button/g)?.length).toBeLessThan(10);
  });

  it("signs a generated user in through the login form; their organization has dashboard rows", async () => {
    const user = loadPopulation(SIZE).users[6];
    expect(user?.email).toBe("load-user-007@example.com");
    const tokens = await authorizationCodeTokens(issuer, { userId: user?.id, scope: SCOPE });
    const organizations = await list(tokens, "/v1/organizations/");
    expect(organizations.items.map((org) => org["slug"])).toEqual(["load-org-07"]);
    expect((await list(tokens, "/v1/products/")).pagination.total_count).toBe(3);
    expect((await list(tokens, "/v1/customers/")).pagination.total_count).toBe(6);
    expect((await list(tokens, "/v1/orders/")).pagination.total_count).toBeGreaterThan(0);
    expect((await list(tokens, "/v1/subscriptions/")).pagination.total_count).toBeGreaterThan(0);
  });

  it("signs a generated user in by email, and the organization flow picks their one organization as a browser would", async () => {
    const tokens = await authorizationCodeTokens(issuer, {
      userEmail: "load-user-012@example.com",
      subType: "organization",
      redirectUri: ORG_REDIRECT_URI,
      scope: SCOPE,
    });
    expect((await list(tokens, "/v1/organizations/")).items.map((org) => org["slug"])).toEqual([
      "load-org-12",
    ]);
  });

  it("spreads users round-robin, leaving the seeded people's organizations alone", async () => {
    const [first, , , , , , , , , , , , thirteenth] = loadPopulation(SIZE).users;
    const orgOf = async (userId: string | undefined) =>
      (
        await list(await authorizationCodeTokens(issuer, { userId, scope: SCOPE }), "/v1/organizations/")
      ).items.map((org) => org["slug"]);
    expect(await orgOf(first?.id)).toEqual(["load-org-01"]);
    expect(await orgOf(thirteenth?.id)).toEqual(["load-org-01"]);
    expect((await orgOf(ADA_ID)).sort()).toEqual(["acme-analytics", "nebula-labs"]);
  });
});
