// Every query parameter a page reads goes through a schema (lib/search-params.ts):
// each route, asked with each malformed input, answers 200 with a working page,
// never "undefined", never a problem notice the input caused.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { resetDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { artifacts } from "../test-support/e2e-env";
import { connectOrganization, signInAs } from "./flows";

const ORGANIZATION = "/dashboard/acme-analytics";
const DASHBOARD_ROUTES = [
  "/dashboard",
  ORGANIZATION,
  `${ORGANIZATION}/products`,
  `${ORGANIZATION}/orders`,
  `${ORGANIZATION}/customers`,
  `${ORGANIZATION}/subscriptions`,
];

const UNICORN = "%F0%9F%A6%84";

/** Query strings no page should trip over: repeated keys, prototype names, odd numbers and strings. */
const BAD_INPUTS = [
  "?query=a&query=b",
  "?page=2&page=3",
  "?period=7d&period=toString",
  "?period=toString",
  "?period=__proto__",
  "?period=constructor",
  "?page=toString",
  "?query=__proto__&page=constructor",
  "?__proto__=x",
  "?__proto__=a&__proto__=b",
  "?constructor=x&toString=y&valueOf=z&hasOwnProperty=1",
  "?__proto__[page]=2&page[]=3",
  "?page=99999999999999999999999",
  "?page=1e400",
  "?page=-5",
  "?page=0",
  "?page=2.5",
  "?page=",
  "?page=NaN",
  "?period=",
  `?period=${UNICORN}`,
  `?query=${UNICORN}%20%E2%80%AE%C3%A9`,
  "?query=%00%1F%7F",
  `?query=${"x".repeat(4000)}`,
  `?query=${UNICORN.repeat(400)}`,
];

/** Waits until every streamed panel has replaced its skeleton. */
const settled = (page: Page) => expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);

async function expectWorkingPage(page: Page, url: string) {
  const response = await page.goto(url);
  expect.soft(response?.status(), url).toBe(200);
  await settled(page);
  const text = await page.locator("body").innerText();
  expect.soft(text, url).not.toMatch(/undefined|NaN|\[object /);
  expect.soft(await page.locator("[data-problem]").count(), `${url}: problem notice`).toBe(0);
  expect.soft(text, url).not.toContain("couldn’t be loaded");
}

let page: Page;

test.describe.serial("every dashboard route, signed in and connected", () => {
  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    await resetDatabase();
    await emulatorControl("reset", {});
    page = await browser.newPage();
    await signInAs(page);
    await connectOrganization(page, "Acme Analytics");
    await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  });

  test.afterAll(() => page.close());

  for (const route of DASHBOARD_ROUTES) {
    test(`${route} answers every malformed query with a working page`, async () => {
      for (const input of BAD_INPUTS) await expectWorkingPage(page, `${route}${input}`);
    });
  }

  test("a bad period shows the default period, and a page past the end the last page", async () => {
    await page.goto(`${ORGANIZATION}?period=toString`);
    await expect(page.getByText("Last 30 days", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "30d", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/overview-period-toString.png`,
      fullPage: true,
    });

    await page.goto(`${ORGANIZATION}/customers?page=99999999999999999999999`);
    const customers = page.getByRole("region", { name: "Customers" });
    await expect(customers.getByText("Page 2 of 2 · 26 total")).toBeVisible();
    await expect(customers.locator("tbody tr")).toHaveCount(6);
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/customers-huge-page.png`,
      fullPage: true,
    });

    await page.goto(`${ORGANIZATION}/customers?query=a&query=b`);
    await expect(page.getByRole("searchbox", { name: "Search by name or email" })).toHaveValue("a");
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/customers-repeated-query.png`,
      fullPage: true,
    });

    await page.goto(`${ORGANIZATION}/products?query=${UNICORN.repeat(400)}&page=-3`);
    await settled(page);
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/products-long-unicode-query.png`,
      fullPage: true,
    });

    // The longest query the schema keeps, one unbreakable word, on a phone.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${ORGANIZATION}/customers?query=${"x".repeat(4000)}`);
    await expect(page.getByText(/^No customers match “x{200}”$/)).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/customers-long-query-phone.png`,
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});

test.describe("pages anyone can open", () => {
  const AUTH_ERROR_INPUTS = [
    "?error=toString",
    "?error=__proto__",
    "?error=constructor&error=AccessDenied",
    "?__proto__=x",
    `?error=${UNICORN.repeat(400)}`,
    "?error=",
  ];
  const LANDING_INPUTS = [
    "?error=SignInFirst&error=x",
    "?error=toString",
    "?callbackUrl=a&callbackUrl=b",
    "?callbackUrl=//evil.example/phish",
    "?callbackUrl=javascript:alert(1)",
    "?callbackUrl=__proto__&constructor=x",
    `?callbackUrl=/${"x".repeat(4000)}`,
    "?__proto__=a&__proto__=b",
  ];

  test("the sign-in error page explains a default error for any bad code", async ({ page }) => {
    for (const input of AUTH_ERROR_INPUTS) {
      await expectWorkingPage(page, `/auth/error${input}`);
      await expect(page.getByText("Error code: Default")).toBeVisible();
    }
    await page.goto("/auth/error?error=__proto__");
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/auth-error-prototype.png`,
      fullPage: true,
    });
    // A repeated code reads as its first value.
    await page.goto("/auth/error?error=AccessDenied&error=Configuration");
    await expect(page.getByText("Error code: AccessDenied")).toBeVisible();
  });

  test("the landing page signs in whatever its query", async ({ page }) => {
    for (const input of LANDING_INPUTS) {
      await expectWorkingPage(page, `/${input}`);
      await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
    }
    await page.goto("/?error=SignInFirst&error=x");
    await expect(page.getByRole("alert").filter({ hasText: "Your session ended" })).toBeVisible();
    await page.screenshot({
      path: `${artifacts}/screenshots/query-params/landing-repeated-error.png`,
      fullPage: true,
    });
  });

  test("after sign-in the landing page goes back to the page that asked for it, never elsewhere", async ({
    page,
    baseURL,
  }) => {
    await resetDatabase();
    await emulatorControl("reset", {});
    await page.goto("/dashboard/acme-analytics/orders?page=2");
    await expect(page).toHaveURL(/\/\?callbackUrl=/);
    await page.getByRole("button", { name: "Sign in with Polar" }).click();
    await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
    await page.getByRole("button", { name: "Allow" }).click();
    // Not connected yet, so the organization's page says it is not found: but that is where sign-in led.
    await expect(page).toHaveURL(/\/dashboard\/acme-analytics\/orders\?page=2$/);
    // Only the path of a callbackUrl counts: it always stays on this app.
    await page.goto("/?callbackUrl=//evil.example/phish");
    await expect(page).toHaveURL(`${baseURL}/phish`);
  });
});
