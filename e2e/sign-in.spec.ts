// The whole journey against Polar as it is today (two origins, iss on every
// redirect, user tokens down-scoped to the organization picked, remembered
// consent): sign in, sign in again without Polar's pages, connect two
// organizations one after the other, reconnect one, disconnect one, sign out.
import { expect, test, type Page } from "@playwright/test";
import { connectionTokens, resetDatabase, signInTokens, withDatabase } from "./db";
import { emulatorControl, refreshAtEmulator } from "./emulator";
import { artifacts, e2eEnv } from "../test-support/e2e-env";
import { pickOrganization } from "./flows";

const shot = (name: string) => ({ path: `${artifacts}/screenshots/${name}.png`, fullPage: true });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

/** Every navigation to Polar's authorize page and back to the app's callbacks. */
function watchRedirects(page: Page) {
  const seen = { authorize: [] as URL[], callbacks: [] as URL[] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/oauth2/authorize") seen.authorize.push(url);
    if (url.pathname.startsWith("/api/auth/callback/")) seen.callbacks.push(url);
  });
  return seen;
}

async function connections() {
  const { rows } = await withDatabase((db) =>
    db.query(
      `SELECT "organizationSlug", "subjectType" FROM "OrganizationConnection" ORDER BY "organizationSlug"`,
    ),
  );
  return rows;
}

test("signs in, connects two organizations, reconnects one, disconnects one, signs out", async ({ page }) => {
  const redirects = watchRedirects(page);
  await page.goto("/");
  await page.screenshot(shot("1-sign-in"));
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await page.screenshot(shot("2-emulator-login"));
  await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
  await expect(page.getByText("Read your email address")).toBeVisible();
  await page.screenshot(shot("3-consent"));
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The authorize page is on Polar's web origin; the callback names the issuer, its API origin.
  const webOrigin = new URL(redirects.authorize[0]!).origin;
  expect(webOrigin).not.toBe(e2eEnv.POLAR_EMULATOR_URL);
  expect(redirects.callbacks[0]!.searchParams.get("iss")).toBe(e2eEnv.POLAR_EMULATOR_URL);

  // Polar sends no name: the person sees their email, never a blank or "null".
  await expect(page.getByRole("heading", { name: "Welcome, ada@example.com" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/\bnull\b|\bundefined\b/);
  await page.screenshot(shot("4-dashboard-user"));

  // Polar remembers the session and the consent: signing in again skips both pages.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(redirects.authorize).toHaveLength(2);
  expect(redirects.callbacks).toHaveLength(2);

  await page.getByRole("button", { name: "Connect an organization" }).click();
  await pickOrganization(page, "Acme Analytics", {
    beforeAllow: () => page.screenshot(shot("5-organization-picker")),
  });
  await expect(page).toHaveURL(/\/dashboard\/acme-analytics$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  await page.screenshot(shot("6-dashboard-organization"));

  // The same scopes again: Polar remembers the consent, but prompt=consent still shows the picker.
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Connect an organization" }).click();
  await expect(page.getByRole("radio", { name: "Nebula Labs" })).toBeVisible();
  await pickOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  const organizationFlows = redirects.authorize.filter(
    (url) => url.searchParams.get("sub_type") === "organization",
  );
  expect(organizationFlows.map((url) => url.searchParams.get("prompt"))).toEqual(["consent", "consent"]);
  expect(await connections()).toEqual([
    { organizationSlug: "acme-analytics", subjectType: "user" },
    { organizationSlug: "nebula-labs", subjectType: "user" },
  ]);

  // Reconnecting Acme replaces its grant and revokes the old one at Polar.
  const before = await connectionTokens("acme-analytics");
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Connect an organization" }).click();
  await pickOrganization(page, "Acme Analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  const after = await connectionTokens("acme-analytics");
  expect(after.refreshToken).not.toBe(before.refreshToken);
  expect((await refreshAtEmulator(before.refreshToken!)).body.error).toBe("invalid_grant");
  expect(await connections()).toHaveLength(2);

  await page.goto("/dashboard");
  const nebula = await connectionTokens("nebula-labs");
  await page.getByRole("button", { name: "Disconnect Nebula Labs" }).click();
  await expect(page.getByRole("button", { name: "Disconnect Nebula Labs" })).toHaveCount(0);
  expect((await refreshAtEmulator(nebula.refreshToken!)).body.error).toBe("invalid_grant");
  expect(await connections()).toEqual([{ organizationSlug: "acme-analytics", subjectType: "user" }]);

  const signedIn = await signInTokens();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
  expect((await refreshAtEmulator(signedIn.refreshToken!)).body.error).toBe("invalid_grant");
  await page.goto("/dashboard/acme-analytics");
  await expect(page).toHaveURL(/\/\?callbackUrl=/);
});
