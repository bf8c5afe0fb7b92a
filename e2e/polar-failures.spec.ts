// What a person sees when Polar is not the Polar the app expects: a wrong
// issuer, a callback whose `iss` names another issuer, and an organization
// grant that is not down-scoped to exactly one organization. Each ends on a
// page that says what is wrong, stores nothing and leaves no live grant.
import { expect, test, type Page } from "@playwright/test";
import { resetDatabase, withDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { e2eEnv } from "../test-support/e2e-env";
import { signInAs } from "./flows";
import { nextStart } from "./next-start";

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

async function expectErrorPage(page: Page, code: string, title: string) {
  await expect(page).toHaveURL(new RegExp(`/auth/error\\?error=${code}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Error code: ${code}`)).toBeVisible();
}

const issuerPort = Number(e2eEnv.PORT) + 2;
const emulatorWebUrl = `http://127.0.0.1:${e2eEnv.EMULATOR_PORT}`;

for (const [wrongIssuer, why] of [
  [emulatorWebUrl, "serves no discovery document (Polar's web origin)"],
  [
    e2eEnv.POLAR_EMULATOR_URL.replace("127.0.0.1", "localhost"),
    "names another issuer in its discovery document",
  ],
]) {
  test(`a POLAR_ISSUER that ${why} ends on a page naming the misconfiguration`, async ({ page }) => {
    const appUrl = `http://localhost:${issuerPort}`;
    const app = nextStart(issuerPort, { POLAR_ISSUER: wrongIssuer, AUTH_URL: appUrl });
    try {
      await app.ready;
      await page.goto(`${appUrl}/`);
      await page.getByRole("button", { name: "Sign in with Polar" }).click();
      await expectErrorPage(page, "WrongIssuer", "Sign-in isn’t pointed at Polar");
      const details = page.getByText("If you run this app");
      await expect(details).toContainText(`issuer ${wrongIssuer} from POLAR_ISSUER`);
      await expect(details).toContainText(
        `Polar’s issuer for POLAR_SERVER=local is ${e2eEnv.POLAR_EMULATOR_URL}`,
      );
    } finally {
      app.stop();
    }
    // Nothing reached Polar's authorization page.
    expect((await emulatorControl("stats")).authorizations).toBe(0);
  });
}

for (const [iss, what] of [
  ["https://evil.example", "another issuer"],
  [null, "no issuer"],
] as const) {
  test(`a callback whose iss is ${what} is refused: nothing is signed in`, async ({ page }) => {
    // Playwright cannot route a redirect hop, so the consent POST (a navigation)
    // is answered here: its redirect chain is followed without the browser and
    // the browser gets the callback with `iss` rewritten.
    await page.route(/\/oauth2\/interaction\/[\w-]+\/confirm$/, async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      let location = new URL(response.headers().location!, route.request().url());
      while (location.origin === emulatorWebUrl) {
        response = await page.request.get(location.href, { maxRedirects: 0 });
        location = new URL(response.headers().location!, location);
      }
      if (iss) location.searchParams.set("iss", iss);
      else location.searchParams.delete("iss");
      await route.fulfill({ status: 303, headers: { location: location.href } });
    });
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in with Polar" }).click();
    await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
    await page.getByRole("button", { name: "Allow" }).click();
    await expectErrorPage(page, "IssuerMismatch", "The answer didn’t come from the expected Polar");
    await expect(page.getByText("If you run this app")).toContainText(e2eEnv.POLAR_EMULATOR_URL);
    const { rows } = await withDatabase((db) => db.query('SELECT count(*)::int AS users FROM "User"'));
    expect(rows[0].users).toBe(0);
  });
}

const withoutSubType = (href: string) => {
  const url = new URL(href);
  url.searchParams.delete("sub_type");
  return url.href;
};

/** Connects an organization with `sub_type` stripped from the request, as a Polar that ignored it would answer. */
async function connectWithoutSubType(page: Page, user: string) {
  // Hydrated, the app's router navigates to Polar's authorize page; clicked
  // before hydration, the form posts and the app answers with a redirect hop,
  // which Playwright cannot route: rewrite that answer's Location instead.
  await page.route(`${emulatorWebUrl}/oauth2/authorize?*`, (route) =>
    route.continue({ url: withoutSubType(route.request().url()) }),
  );
  await page.route(/\/dashboard$/, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (!location?.startsWith(emulatorWebUrl)) return route.fulfill({ response });
    return route.fulfill({
      response,
      headers: { ...response.headers(), location: withoutSubType(location) },
    });
  });
  await signInAs(page, user);
  await emulatorControl("stats/reset", {});
  await page.getByRole("button", { name: "Connect an organization" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
}

for (const [user, code, title, organizations] of [
  ["Ada Lovelace", "SeveralOrganizations", "Polar shared more than one organization", 2],
  ["Margaret Hamilton", "NoOrganization", "No organization was shared", 0],
] as const) {
  test(`an organization token that lists ${organizations} organizations is refused and revoked`, async ({
    page,
  }) => {
    await connectWithoutSubType(page, user);
    await expectErrorPage(page, code, title);
    await expect(page.getByText("the access was withdrawn at Polar")).toBeVisible();
    const { rows } = await withDatabase((db) =>
      db.query('SELECT count(*)::int AS connections FROM "OrganizationConnection"'),
    );
    expect(rows[0].connections).toBe(0);
    // The unrestricted token was exchanged, found wanting and revoked.
    const stats = await emulatorControl("stats");
    expect(stats.token.authorization_code).toBe(1);
    expect(stats.revocations).toBe(1);
    // The person is still signed in and can connect properly.
    await page.getByRole("link", { name: "Go to your dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
}
