// The Polar read cache and the request budget, in the browser, on a second app
// instance with the cache on (e2e/cached-app.ts).
import { expect, test } from "./fixtures";
import { cached, withCachedApp } from "./cached-app";
import { resetDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { artifacts } from "../test-support/e2e-env";
import { connectOrganization, settled, signInAs } from "./flows";

async function polarCalls() {
  const { api } = await emulatorControl("stats");
  return Object.values(api as Record<string, number>).reduce((sum, count) => sum + count, 0);
}

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("views within 30 s share one read per panel, say when it was read, and Refresh reads again", async ({
  connected: page,
}) => {
  await withCachedApp({}, async () => {
    await emulatorControl("stats/reset", {});
    await page.goto(`${cached}/dashboard/acme-analytics`);
    await settled(page);
    expect(await polarCalls()).toBe(6);
    await expect(page.getByText(/^Updated (just now|\d+ s ago)$/).first()).toBeVisible();

    for (const path of ["", "?period=30d", ""]) {
      await page.goto(`${cached}/dashboard/acme-analytics${path}`);
      await settled(page);
    }
    expect(await polarCalls()).toBe(6);
    await page.screenshot({ path: `${artifacts}/screenshots/cache/overview-cached.png`, fullPage: true });

    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page).toHaveURL(`${cached}/dashboard/acme-analytics`);
    await settled(page);
    await expect.poll(polarCalls).toBe(12);
    await expect(page.getByText("Updated just now").first()).toBeVisible();
  });
});

test("cached data reaches only people connected to the organization", async ({
  connected: page,
  browser,
}) => {
  await withCachedApp({}, async () => {
    await page.goto(`${cached}/dashboard/acme-analytics/customers`);
    await settled(page);
    await expect(page.getByRole("region", { name: "Customers" }).locator("tbody tr")).not.toHaveCount(0);

    const grace = await browser.newPage();
    await signInAs(grace, "Grace Hopper");
    const response = await grace.goto(`${cached}/dashboard/acme-analytics/customers`);
    expect(response?.status()).toBe(404);
    await expect(grace.getByRole("region", { name: "Customers" })).toHaveCount(0);
    await grace.close();
  });
});

test("disconnecting and reconnecting reads the organization from Polar again", async ({
  connected: page,
}) => {
  await withCachedApp({}, async () => {
    await page.goto(`${cached}/dashboard/acme-analytics/products`);
    await settled(page);
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Disconnect Acme Analytics" }).click();
    await expect(page.getByText("No organization connected yet")).toBeVisible();
    await connectOrganization(page, "Acme Analytics");

    await emulatorControl("stats/reset", {});
    await page.goto(`${cached}/dashboard/acme-analytics/products`);
    await settled(page);
    const { api } = await emulatorControl("stats");
    expect(api["GET /v1/products/"]).toBe(1);
  });
});

test("a spent request budget shows cached data as stale, else a busy notice, and never reaches Polar's limit", async ({
  connected: page,
}) => {
  // One request a minute: the first view gets one panel from Polar and a busy notice in each other.
  await withCachedApp({ POLAR_REQUEST_BUDGET_PER_MINUTE: "1" }, async () => {
    await emulatorControl("stats/reset", {});
    await page.goto(`${cached}/dashboard/acme-analytics`);
    await settled(page);
    const busy = page.locator('[data-problem="busy"]');
    await expect(busy.first()).toContainText(/Retry in \d+ seconds/);
    expect(await busy.count()).toBeGreaterThanOrEqual(4);
    expect(await polarCalls()).toBeLessThanOrEqual(2);
    await page.screenshot({ path: `${artifacts}/screenshots/cache/overview-busy.png`, fullPage: true });

    // Whatever was read stays on screen, marked stale, while the budget is spent.
    await page.getByRole("button", { name: "Refresh" }).click();
    await settled(page);
    await expect(page.locator("[data-stale]").first()).toContainText("using its whole Polar request budget");
    expect((await emulatorControl("stats")).rate_limited).toBe(0);
  });
});
