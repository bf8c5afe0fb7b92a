// What a person sees when sign-in goes wrong: each Auth.js error has its own
// explanation and a way back, the real failures included (Deny, a lost
// state/PKCE cookie, a used code, a refused client), with no CSP violation.
import { expect, test, type Page } from "@playwright/test";
import { watchCspViolations } from "./csp-violations";
import { resetDatabase } from "./db";
import { emulatorControl } from "./emulator";

let violations: string[];

test.beforeEach(async ({ page, baseURL }) => {
  await resetDatabase();
  await emulatorControl("reset", {});
  violations = await watchCspViolations(page, baseURL!);
});

test.afterEach(() => {
  expect(violations).toEqual([]);
});

/** Starts "Sign in with Polar" and stops on the emulator's consent screen. */
async function startSignIn(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
  await expect(page.getByRole("button", { name: "Deny" })).toBeVisible();
}

async function expectErrorPage(page: Page, code: string, title: string) {
  await expect(page).toHaveURL(new RegExp(`/auth/error\\?error=${code}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Error code: ${code}`)).toBeVisible();
}

async function expectWayBack(page: Page) {
  await page.getByRole("link", { name: "Start again" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
}

test("Deny on Polar's consent screen explains that nothing was shared", async ({ page }) => {
  await startSignIn(page);
  await page.getByRole("button", { name: "Deny" }).click();
  await expectErrorPage(page, "AccessDenied", "Access wasn’t granted");
  await expect(page.getByText("You chose Deny on Polar’s consent screen")).toBeVisible();
  await expectWayBack(page);
});

test("a sign-in that returns without its state/PKCE cookies is refused as InvalidCheck", async ({
  page,
  context,
}) => {
  await startSignIn(page);
  await context.clearCookies({ domain: "localhost" });
  await page.getByRole("button", { name: "Allow" }).click();
  await expectErrorPage(page, "InvalidCheck", "This sign-in couldn’t be verified");
  await expectWayBack(page);
});

test("a used or expired code (invalid_grant) asks to start again", async ({ page }) => {
  await startSignIn(page);
  await emulatorControl("token-failures", { error: "invalid_grant", grant_type: "authorization_code" });
  await page.getByRole("button", { name: "Allow" }).click();
  await expectErrorPage(page, "CallbackRouteError", "This sign-in link has expired");
  await expectWayBack(page);
});

test("a client Polar refuses (invalid_client) is reported as configuration", async ({ page }) => {
  await startSignIn(page);
  await emulatorControl("token-failures", {
    error: "invalid_client",
    status: 401,
    grant_type: "authorization_code",
  });
  await page.getByRole("button", { name: "Allow" }).click();
  await expectErrorPage(page, "Configuration", "Sign-in isn’t set up correctly");
  await expect(page.getByText("[auth][error]")).toBeVisible();
  await expectWayBack(page);
});

test("a cross-site sign-in POST without the CSRF token explains itself", async ({ page }) => {
  const response = await page.request.post("/api/auth/signin/polar", {
    headers: { origin: "https://evil.example" },
    form: { callbackUrl: "/dashboard" },
    maxRedirects: 0,
  });
  await page.goto(response.headers().location!);
  await expectErrorPage(page, "MissingCSRF", "The sign-in form expired");
  await expectWayBack(page);
});

for (const [code, title] of [
  ["OAuthAccountNotLinked", "This email already belongs to another sign-in"],
  ["Verification", "This link is no longer valid"],
  ["OAuthCallbackError", "Polar couldn’t complete the sign-in"],
] as const) {
  test(`${code} has its own explanation`, async ({ page }) => {
    await page.goto(`/auth/error?error=${code}`);
    await expectErrorPage(page, code, title);
    await expectWayBack(page);
  });
}

test("an unknown or missing code falls back to a general explanation", async ({ page }) => {
  for (const query of ["?error=SomethingNew", "?error=__proto__", ""]) {
    await page.goto(`/auth/error${query}`);
    await expect(page.getByRole("heading", { level: 1, name: "Sign-in didn’t complete" })).toBeVisible();
    await expect(page.getByText("Error code: Default")).toBeVisible();
  }
  await expectWayBack(page);
});

test("an unknown page is a 404 that looks like the product", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Sign in with Polar");
  await expect(page.getByRole("heading", { level: 1, name: "This page doesn’t exist" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the start" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
});
