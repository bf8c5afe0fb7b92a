// Every API endpoint called through the official SDK, with responses checked
// against the SDK's model definitions, plus Polar's access rules.
// Mirrors server/polar/auth/middlewares.py and auth/dependencies.py (bearer
// tokens, scopes: any one listed scope suffices), oauth2/exceptions.py and
// exceptions.py (error bodies), kit/pagination.py (page, limit ≤ 100) and each
// resource's endpoints.py (organization, product, customer, order,
// subscription, metrics). Polar's own tests: server/tests/<resource>/test_endpoints.py.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PolarClientError } from "@polar-sh/sdk";
import type { models as v2604 } from "@polar-sh/sdk/2026-04";
import { createPolar, type models } from "@polar-sh/sdk/2026-10";
import type { models as v2701 } from "@polar-sh/sdk/2027-01";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  serializeCustomer,
  serializeOrder,
  serializeOrganization,
  serializeProduct,
  serializeSubscription,
} from "../src/api/serializers.ts";
import { ACME_ID, ADA_ID, COMPILER_CLUB_ID, GRACE_ID, NEBULA_ID } from "../src/data/seed.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens, type TokenSet } from "../src/testing.ts";

const READ_SCOPES =
  "openid profile email organizations:read products:read orders:read customers:read subscriptions:read metrics:read";

// @polar-sh/sdk 1.0.1 returns `response.json()` without runtime validation, so
// the responses are held to the SDK's published model definitions here: every
// required field present, no field the model doesn't know.
const modelsSource = (() => {
  const index = fileURLToPath(import.meta.resolve("@polar-sh/sdk/2026-10")).replace(
    /index\.mjs$/,
    "index.d.mts",
  );
  const file = /from "\.\.\/(models-[\w-]+)\.mjs"/.exec(readFileSync(index, "utf8"))?.[1];
  return readFileSync(fileURLToPath(new URL(`../${file}.d.mts`, `file://${index}`)), "utf8");
})();

function modelFields(name: string): { required: string[]; all: string[] } {
  const body = new RegExp(`^interface ${name} \\{\\n([\\s\\S]*?)^\\}`, "m").exec(modelsSource)?.[1];
  if (!body) throw new Error(`no interface ${name} in the SDK models`);
  const fields = [...body.replace(/\/\*\*[\s\S]*?\*\//g, "").matchAll(/^ {2}(\w+)(\??):/gm)];
  return {
    required: fields.filter((field) => !field[2]).map((field) => field[1] ?? ""),
    all: fields.map((field) => field[1] ?? ""),
  };
}

function expectModel(value: unknown, name: string): void {
  const { required, all } = modelFields(name);
  const keys = Object.keys(value as object);
  expect(keys, `${name}: missing required fields`).toEqual(expect.arrayContaining(required));
  expect(
    keys.filter((key) => !all.includes(key)),
    `${name}: fields the SDK doesn't know`,
  ).toEqual([]);
}

const PRICE_MODELS: Record<string, string> = { fixed: "ProductPriceFixed", custom: "ProductPriceCustom" };

function expectProduct(product: models.Product): void {
  expectModel(product, "Product");
  for (const price of product.prices) expectModel(price, PRICE_MODELS[price.amount_type] ?? "?");
}

function expectOrder(order: models.Order): void {
  expectModel(order, "Order");
  expectModel(order.customer, "OrderCustomer");
  expectModel(order.product, "OrderProduct");
  for (const item of order.items) expectModel(item, "OrderItemSchema");
  if (order.subscription) expectModel(order.subscription, "OrderSubscription");
}

function expectSubscription(subscription: models.Subscription): void {
  expectModel(subscription, "Subscription");
  expectModel(subscription.customer, "SubscriptionCustomer");
  expectProduct(subscription.product);
}

function expectOrganization(org: models.Organization): void {
  expectModel(org, "Organization");
  expectModel(org.subscription_settings, "OrganizationSubscriptionSettings");
  expectModel(org.customer_email_settings, "OrganizationCustomerEmailSettings");
  expectModel(org.customer_portal_settings, "OrganizationCustomerPortalSettings");
  expectModel(org.capabilities, "OrganizationCapabilities");
}

let url: string;
let ada: TokenSet;
let acmeToken: TokenSet;

const sdk = (token: TokenSet, organizationId?: string) =>
  createPolar({
    accessToken: token.access_token,
    baseUrl: url,
    ...(organizationId ? { organizationId } : {}),
  });

async function status(promise: Promise<unknown>): Promise<{ statusCode: number; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    // Error classes the SDK knows for a status carry the parsed body; others the raw text.
    if (error instanceof PolarClientError) {
      return {
        statusCode: error.statusCode,
        error: typeof error.error === "string" ? JSON.parse(error.error) : error.error,
      };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

withEmulator((started) => {
  url = started;
});
beforeEach(async () => {
  ada = await authorizationCodeTokens(url, { userId: ADA_ID, scope: READ_SCOPES });
  acmeToken = await authorizationCodeTokens(url, {
    userId: ADA_ID,
    subType: "organization",
    organizationId: ACME_ID,
    scope: READ_SCOPES,
  });
});

describe("SDK models", () => {
  it("serializers produce the SDK's models for every API version it ships", () => {
    expectTypeOf(serializeOrganization).returns.toExtend<v2604.Organization & v2701.Organization>();
    expectTypeOf(serializeProduct).returns.toExtend<v2604.Product & v2701.Product>();
    expectTypeOf(serializeCustomer).returns.toExtend<v2604.Customer & v2701.Customer>();
    expectTypeOf(serializeOrder).returns.toExtend<v2604.Order & v2701.Order>();
    expectTypeOf(serializeSubscription).returns.toExtend<v2604.Subscription & v2701.Subscription>();
  });
});

describe("organizations", () => {
  it("lists the user's organizations for a user token", async () => {
    const page = await sdk(ada).organizations.list();
    expect(page.items.map((org) => org.slug).sort()).toEqual(["acme-analytics", "nebula-labs"]);
    expect(page.pagination).toEqual({ total_count: 2, max_page: 1 });
    page.items.forEach(expectOrganization);
  });

  it("lists only its organization for a token down-scoped to one", async () => {
    const page = await sdk(acmeToken).organizations.list();
    expect(page.items.map((org) => org.id)).toEqual([ACME_ID]);
  });

  it("gets an organization by id, and 404 ResourceNotFound for one the token can't read", async () => {
    const org = await sdk(ada).organizations.get(NEBULA_ID);
    expect(org).toMatchObject({ id: NEBULA_ID, name: "Nebula Labs", slug: "nebula-labs" });
    expectOrganization(org);
    expect(await status(sdk(acmeToken).organizations.get(NEBULA_ID))).toEqual({
      statusCode: 404,
      error: { error: "ResourceNotFound", detail: "Not found" },
    });
    expect((await status(sdk(ada).organizations.get(COMPILER_CLUB_ID))).statusCode).toBe(404);
  });

  it("shows Grace only her organization, which has no products", async () => {
    const grace = await authorizationCodeTokens(url, { userId: GRACE_ID, scope: READ_SCOPES });
    expect((await sdk(grace).organizations.list()).items.map((org) => org.id)).toEqual([COMPILER_CLUB_ID]);
    expect((await sdk(grace).products.list()).pagination).toEqual({ total_count: 0, max_page: 0 });
  });
});

describe("products", () => {
  it("paginates with page and limit", async () => {
    const first = await sdk(acmeToken).products.list();
    expect(first.pagination).toEqual({ total_count: 12, max_page: 2 });
    expect(first.items).toHaveLength(10);
    first.items.forEach(expectProduct);
    const second = await sdk(acmeToken).products.list({ page: 2 });
    expect(second.items).toHaveLength(2);
    const ids = new Set([...first.items, ...second.items].map((product) => product.id));
    expect(ids.size).toBe(12);
  });

  it("filters by organization_id and searches with query", async () => {
    const nebula = await sdk(ada).products.list({ organization_id: NEBULA_ID, limit: 100 });
    expect(nebula.items.every((product) => product.organization_id === NEBULA_ID)).toBe(true);
    expect(nebula.pagination.total_count).toBe(4);
    const search = await sdk(ada).products.list({ query: "pro", sorting: ["name"] });
    expect(search.items.map((product) => product.name)).toEqual(["Nebula Cloud Pro", "Pro", "Pro (yearly)"]);
  });

  it("gets one product with its prices", async () => {
    const [listed] = (await sdk(acmeToken).products.list({ limit: 1 })).items;
    const product = await sdk(acmeToken).products.get(listed?.id ?? "");
    expect(product).toEqual(listed);
    expect(product.prices[0]).toMatchObject({ price_currency: "usd", product_id: product.id });
  });
});

describe("customers, orders, subscriptions", () => {
  it("lists and gets customers, searching by name or email", async () => {
    const page = await sdk(acmeToken).customers.list({ limit: 100 });
    expect(page.pagination.total_count).toBe(26);
    page.items.forEach((customer) => expectModel(customer, "CustomerIndividual"));
    const [first] = page.items;
    const found = await sdk(acmeToken).customers.list({ query: (first?.email ?? "").split("@")[0] ?? "" });
    expect(found.items.map((customer) => customer.id)).toContain(first?.id);
    expect(await sdk(acmeToken).customers.get(first?.id ?? "")).toEqual(first);
  });

  it("lists and gets orders with their customer, product and items", async () => {
    const page = await sdk(acmeToken).orders.list({ limit: 25 });
    expect(page.pagination.total_count).toBeGreaterThan(25);
    page.items.forEach(expectOrder);
    const order = page.items[0];
    expect(await sdk(acmeToken).orders.get(order?.id ?? "")).toEqual(order);
    const sorted = page.items.map((item) => item.created_at);
    expect(sorted).toEqual([...sorted].sort().reverse());
  });

  it("lists and gets subscriptions", async () => {
    const page = await sdk(ada).subscriptions.list({ limit: 100 });
    expect(page.pagination.total_count).toBeGreaterThan(10);
    page.items.forEach(expectSubscription);
    const active = await sdk(ada).subscriptions.list({ active: true, limit: 100 });
    expect(active.items.every((subscription) => subscription.status !== "canceled")).toBe(true);
    const subscription = page.items[0];
    expect(await sdk(ada).subscriptions.get(subscription?.id ?? "")).toEqual(subscription);
  });
});

describe("metrics", () => {
  it("returns periods, totals and metric definitions for the range and interval", async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 179 * 86_400_000);
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const metrics = await sdk(acmeToken).metrics.get({
      start_date: day(start),
      end_date: day(end),
      interval: "month",
    });
    expectModel(metrics, "MetricsResponse");
    expect(metrics.periods.length).toBeGreaterThanOrEqual(6);
    for (const period of metrics.periods) expect(period.timestamp).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
    expect(metrics.totals.revenue).toBeGreaterThan(0);
    expect(metrics.totals.orders).toBe(
      metrics.periods.reduce((sum, period) => sum + (period.orders ?? 0), 0),
    );
    expect(metrics.metrics.revenue).toEqual({ slug: "revenue", display_name: "Revenue", type: "currency" });
    for (const definition of Object.values(metrics.metrics)) expectModel(definition, "Metric");
  });

  it("answers invalid parameters with FastAPI's 422 body", async () => {
    const response = await fetch(
      `${url}/v1/metrics/?start_date=2026-01-01&end_date=2026-02-01&interval=fortnight`,
      {
        headers: { authorization: `Bearer ${acmeToken.access_token}` },
      },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ detail: [{ loc: ["query", "interval"], type: "enum" }] });
  });
});

describe("userinfo through the SDK", () => {
  it("returns the user, for unrestricted and down-scoped tokens", async () => {
    const expected = { sub: ADA_ID, email: "ada@example.com", email_verified: true };
    expect(await sdk(ada).oauth2.userinfo()).toEqual(expected);
    expect(await sdk(acmeToken).oauth2.userinfo()).toEqual(expected);
  });
});

describe("access rules", () => {
  // The emulator's choice, following the facts note (shared/notes/polar-server-facts.md):
  // no Polar server code at c6c3645 reads Polar-Organization, which @polar-sh/sdk
  // sends with `organizationId`; how Polar handles it later is unconfirmed.
  it("ignores the Polar-Organization header (the emulator's choice: no Polar server code at c6c3645 reads it)", async () => {
    const all = await sdk(ada).products.list({ limit: 100 });
    const nebula = await sdk(ada, NEBULA_ID).products.list({ limit: 100 });
    expect(nebula).toEqual(all);
    expect(new Set(nebula.items.map((product) => product.organization_id))).toEqual(
      new Set([ACME_ID, NEBULA_ID]),
    );
    expect((await sdk(ada, COMPILER_CLUB_ID).products.list({ limit: 100 })).pagination).toEqual(
      all.pagination,
    );
    expect((await status(sdk(acmeToken, NEBULA_ID).organizations.get(NEBULA_ID))).statusCode).toBe(404);
  });

  it("enforces scopes with 403 insufficient_scope and the required scopes in WWW-Authenticate", async () => {
    const narrow = await authorizationCodeTokens(url, { userId: ADA_ID, scope: "openid organizations:read" });
    const response = await fetch(`${url}/v1/products/`, {
      headers: { authorization: `Bearer ${narrow.access_token}` },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "insufficient_scope",
      error_description: "The request requires higher privileges than provided by the access token.",
    });
    expect(response.headers.get("www-authenticate")).toBe(
      'Bearer realm="polar", scope="products:read products:write", error="insufficient_scope", ' +
        'error_description="The request requires higher privileges than provided by the access token."',
    );
    expect(
      (
        await status(
          sdk(narrow).metrics.get({ start_date: "2026-01-01", end_date: "2026-01-31", interval: "day" }),
        )
      ).statusCode,
    ).toBe(403);
  });

  it("accepts a write scope where read is required, except where Polar lists only read", async () => {
    const writer = await authorizationCodeTokens(url, {
      userId: ADA_ID,
      scope: "openid products:write orders:write",
    });
    expect((await sdk(writer).products.list()).pagination.total_count).toBe(16);
    expect((await status(sdk(writer).orders.list())).statusCode).toBe(403);
  });

  it("answers 401 Unauthorized without a token and 401 invalid_token for a bad or expired one", async () => {
    const anonymous = await fetch(`${url}/v1/organizations/`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Unauthorized", detail: "Unauthorized" });
    const bad = await fetch(`${url}/v1/organizations/`, {
      headers: { authorization: "Bearer polar_at_u_forged" },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_token" });
    await control(url, "settings", { clock_skew_seconds: 864_001 });
    expect((await status(sdk(ada).organizations.list())).error).toMatchObject({ error: "invalid_token" });
  });

  it("clamps a list's limit to 100 (kit/pagination.py get_pagination_params)", async () => {
    const response = await fetch(`${url}/v1/orders/?limit=150`, {
      headers: { authorization: `Bearer ${ada.access_token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: unknown[];
      pagination: { total_count: number; max_page: number };
    };
    expect(page.pagination.total_count).toBeGreaterThan(100);
    expect(page.items).toHaveLength(100);
    expect(page.pagination.max_page).toBe(Math.ceil(page.pagination.total_count / 100));
  });

  it("validates list parameters like Polar (422)", async () => {
    const response = await fetch(`${url}/v1/products/?limit=0&organization_id=not-a-uuid`, {
      headers: { authorization: `Bearer ${ada.access_token}` },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: string[] }[] };
    expect(body.detail[0]?.loc[0]).toBe("query");
  });

  it("answers unknown API paths with FastAPI's 404", async () => {
    const response = await fetch(`${url}/v1/nothing-here`, {
      headers: { authorization: `Bearer ${ada.access_token}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Not Found" });
  });
});
