import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { resetDatabase, withDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { artifacts } from "../test-support/e2e-env";
import { connectOrganization, pickOrganization } from "./flows";

const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `${artifacts}/screenshots/dashboard/${name}.png`, fullPage: true });
};

/** Waits until every streamed panel has replaced its skeleton. */
const settled = (page: Page) => expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);

const panel = (page: Page, name: string | RegExp) => page.getByRole("region", { name });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("the overview renders every panel from Polar, at desktop and phone widths, light and dark", async ({
  connected: page,
}) => {
  await expect(page).toHaveURL(/\/dashboard\/acme-analytics$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  await settled(page);
  await emulatorControl("stats/reset", {});
  await page.reload();
  await settled(page);
  // One render, one request per endpoint: panels share reads through cache().
  const { api } = await emulatorControl("stats");
  expect(api).toEqual({
    "GET /v1/organizations/{id}": 1,
    "GET /v1/metrics/": 1,
    "GET /v1/orders/": 1,
    "GET /v1/products/": 1,
    "GET /v1/customers/": 1,
    "GET /v1/subscriptions/": 1,
  });

  const performance = panel(page, "Performance");
  await expect(performance.getByText("Revenue", { exact: true })).toBeVisible();
  await expect(performance.getByText("Active subscriptions")).toBeVisible();
  await expect(performance.locator("dd").first()).toHaveText(/\$[\d,]+\.\d\d/);
  await expect(performance.locator("table tbody tr")).toHaveCount(30);
  for (const name of ["Recent orders", "Subscriptions", "Products", "Newest customers"]) {
    await expect(panel(page, name).locator("tbody tr")).toHaveCount(5);
  }
  await expect(page.getByRole("link", { name: "acme-analytics.example" })).toBeVisible();
  await shot(page, "overview-desktop");

  await page.getByRole("link", { name: "12m", exact: true }).click();
  await expect(page).toHaveURL(/period=12m/);
  await expect(panel(page, "Performance").getByText("Last 12 months", { exact: true })).toBeVisible();
  await settled(page);
  await expect(panel(page, "Performance").locator("table tbody tr")).toHaveCount(12);

  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "overview-desktop-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/dashboard/acme-analytics");
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, "overview-phone");
});

test("list pages paginate, search where Polar can, and link to Polar's dashboard", async ({
  connected: page,
}) => {
  await settled(page);

  await page.getByRole("link", { name: "View all customers" }).click();
  await expect(page).toHaveURL(/\/dashboard\/acme-analytics\/customers$/);
  const customers = panel(page, "Customers");
  await expect(customers.locator("tbody tr")).toHaveCount(20);
  await expect(customers.getByText("Page 1 of 2 · 26 total")).toBeVisible();
  await customers.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/customers\?page=2$/);
  await expect(panel(page, "Customers").locator("tbody tr")).toHaveCount(6);
  await shot(page, "customers-page-2");

  await page.getByRole("searchbox", { name: "Search by name or email" }).fill("zzz-nobody");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/customers\?query=zzz-nobody$/);
  await expect(page.getByText("No customers match “zzz-nobody”")).toBeVisible();

  await page.getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/\/products$/);
  const products = panel(page, "Products");
  await expect(products.locator("tbody tr")).toHaveCount(11); // the 12th is archived
  const firstName = (await products.locator("tbody tr td:first-child p").first().textContent()) ?? "";
  await page.getByRole("searchbox", { name: "Search products" }).fill(firstName);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(panel(page, "Products").locator("tbody tr").first()).toContainText(firstName);
  const polarLink = panel(page, "Products").getByRole("link", { name: `Open ${firstName} in Polar` });
  await expect(polarLink).toHaveAttribute("href", /\/dashboard\/acme-analytics\/products\/[0-9a-f-]{36}$/);

  for (const [tab, rows] of [
    ["Orders", 20],
    ["Subscriptions", null],
  ] as const) {
    await page
      .getByRole("navigation", { name: "Organization sections" })
      .getByRole("link", { name: tab })
      .click();
    await expect(page.getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
    const list = panel(page, tab);
    if (rows) await expect(list.locator("tbody tr")).toHaveCount(rows);
    else await expect(list.locator("tbody tr").first()).toBeVisible();
  }
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, "subscriptions-phone");
});

test("missing scope, rate limit and Polar errors each show their own message in their own panel", async ({
  connected: page,
}) => {
  await settled(page);

  // A 429 pauses every call of the app: slow Polar down so that all six panels
  // have asked before the first answer arrives, as on a real network.
  await emulatorControl("settings", { latency_ms: 200 });
  await emulatorControl("api-failures", { status: 403, path: "/v1/orders" });
  await emulatorControl("api-failures", { status: 429, path: "/v1/products" });
  await emulatorControl("api-failures", { status: 500, path: "/v1/customers" });
  await page.reload();
  await settled(page);

  const orders = panel(page, "Recent orders");
  await expect(orders.getByRole("alert")).toContainText("Permission needed to show orders");
  await expect(orders.getByRole("alert")).toContainText("orders:read");
  await expect(orders.getByRole("button", { name: "Reconnect organization" })).toBeVisible();
  await expect(panel(page, "Products").getByRole("alert")).toContainText("a wait of up to 60 seconds");
  await expect(panel(page, "Newest customers").getByRole("alert")).toContainText("Polar is not answering");
  // The others are unaffected.
  await expect(panel(page, "Subscriptions").locator("tbody tr")).toHaveCount(5);
  await expect(panel(page, "Performance").locator("dd").first()).toBeVisible();
  await shot(page, "errors-desktop");
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, "errors-phone");

  // Polar's 429 paused every call of this app for its Retry-After: trying again
  // at once shows that wait instead of asking Polar.
  await emulatorControl("stats/reset", {});
  await panel(page, "Products").getByRole("link", { name: "Try again" }).click();
  await expect(panel(page, "Products").getByRole("alert")).toContainText(/Retry in \d+ seconds/);
  expect((await emulatorControl("stats")).api).toEqual({});
  // A minute later (the pause lifted by hand), "Try again" shows the products.
  await withDatabase((client) => client.query('DELETE FROM "PolarBudget"'));
  await panel(page, "Products").getByRole("link", { name: "Try again" }).click();
  await expect(panel(page, "Products").locator("tbody tr")).toHaveCount(5);

  // Reconnecting grants the scope again and lands back on the dashboard.
  await emulatorControl("api-failures", { status: 403, path: "/v1/orders" });
  await page.reload();
  await panel(page, "Recent orders").getByRole("button", { name: "Reconnect organization" }).click();
  await pickOrganization(page, "Acme Analytics");
  await expect(page).toHaveURL(/\/dashboard\/acme-analytics$/);
  await expect(panel(page, "Recent orders").locator("tbody tr")).toHaveCount(5);
});

test.describe(() => {
  test.use({ user: "Grace Hopper", organization: "Compiler Club" });

  test("an organization with no sales gets a getting-started guide and empty states", async ({
    connected: page,
  }) => {
    await expect(page).toHaveURL(/\/dashboard\/compiler-club$/);
    await settled(page);
    await expect(page.getByRole("heading", { name: "Compiler Club has no sales yet" })).toBeVisible();
    await expect(page.getByText("No orders yet")).toBeVisible();
    await expect(page.getByText("No products yet")).toBeVisible();
    await expect(page.getByText("No customers yet")).toBeVisible();
    await expect(page.getByText("No subscriptions yet")).toBeVisible();
    // Polar lists what the person's role allows, and does not tell the app the role: said softly.
    await expect(page.getByText("Or your role in this organization can’t see them")).toHaveCount(4);
    await shot(page, "empty-organization");
  });
});

test("the user view lists the profile, the Polar organizations and the connected ones; switch and disconnect", async ({
  signedIn: page,
}) => {
  const polarOrganizations = panel(page, "Your organizations on Polar");
  await expect(polarOrganizations.getByRole("button", { name: "Connect Acme Analytics" })).toBeVisible();
  await expect(polarOrganizations.getByRole("button", { name: "Connect Nebula Labs" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Welcome, ada@example.com" })).toBeVisible();
  await expect(page.getByText("No organization connected yet")).toBeVisible();
  await shot(page, "user-view-empty");

  await connectOrganization(page, "Acme Analytics");
  await connectOrganization(page, "Nebula Labs");
  await page.goto("/dashboard");
  await expect(
    polarOrganizations.getByRole("link", { name: /Connected.*open Acme Analytics/ }),
  ).toBeVisible();
  await expect(
    panel(page, "Connected organizations").getByRole("button", { name: "Disconnect Nebula Labs" }),
  ).toBeVisible();
  await shot(page, "user-view-desktop");
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, "user-view-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Switcher: only this user's connections, and it lands on the other one.
  await page.goto("/dashboard/nebula-labs");
  await page.getByText("Switch organization").click();
  await shot(page, "switcher-open");
  await page
    .locator("details")
    .getByRole("link", { name: /Acme Analytics/ })
    .click();
  await expect(page).toHaveURL(/\/dashboard\/acme-analytics$/);

  await page.getByRole("button", { name: "Disconnect Acme Analytics" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(
    panel(page, "Your organizations on Polar").getByRole("button", { name: "Connect Acme Analytics" }),
  ).toBeVisible();
});

test("keyboard: the tabs, period picker and switcher are reachable and usable with the keyboard", async ({
  connected: page,
}) => {
  await settled(page);
  await page.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Connect another organization" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Connect another organization" })).toBeHidden();
  await page.getByRole("link", { name: "7d", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/period=7d/);
  await expect(page.getByRole("link", { name: "7d", exact: true })).toHaveAttribute("aria-current", "page");
});
