// Someone signed in here signs in at Polar as another Polar account (in a tab
// opened before, after Polar's session on this browser ended): nothing is
// linked, Polar's new grant is revoked, and a page asks them to stay or to
// continue as the other account.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ADA_ID, GRACE_ID } from "polar-emulator/seed";
import { resetDatabase, signInTokens, withDatabase } from "./db";
import { emulatorControl, isLiveAtEmulator } from "./emulator";
import { signInAs } from "./flows";

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

/** Ada signs in; then, from a tab opened earlier, the browser signs in at Polar as Grace. */
async function signInAtPolarAsGrace(context: BrowserContext, page: Page) {
  const earlierTab = await context.newPage();
  await earlierTab.goto("/");
  await signInAs(page);
  // Polar's session on this browser ends (the emulator has no sign-out page): its login page shows next.
  await context.clearCookies({ domain: "127.0.0.1" });
  await earlierTab.getByRole("button", { name: "Sign in with Polar" }).click();
  await earlierTab.getByRole("button", { name: "Continue as Grace Hopper" }).click();
  await earlierTab.getByRole("button", { name: "Allow" }).click();
  await expect(
    earlierTab.getByRole("heading", { name: "You’re signed in as ada@example.com" }),
  ).toBeVisible();
  await expect(earlierTab.getByText("You just signed in at Polar as another account.")).toBeVisible();
  return earlierTab;
}

const accounts = async () =>
  (
    await withDatabase((db) =>
      db.query(
        `SELECT "providerAccountId", access_token IS NOT NULL AS "hasToken" FROM "Account" ORDER BY 1`,
      ),
    )
  ).rows;

test("nothing is linked and the other account's grant is revoked; staying keeps the session", async ({
  context,
  page,
}) => {
  const switchPage = await signInAtPolarAsGrace(context, page);

  expect(await accounts()).toEqual([{ providerAccountId: ADA_ID, hasToken: true }]);
  // The one grant revoked is Grace's: Ada's still works.
  expect((await emulatorControl("stats")).revocations).toBe(1);
  expect(await isLiveAtEmulator((await signInTokens()).accessToken!)).toBe(true);

  await switchPage.getByRole("link", { name: "Stay signed in as ada@example.com" }).click();
  await expect(switchPage.getByRole("heading", { name: "Welcome, ada@example.com" })).toBeVisible();
});

test("continuing as the other account signs out here and signs in as it", async ({ context, page }) => {
  const switchPage = await signInAtPolarAsGrace(context, page);
  const ada = await signInTokens();

  await switchPage.getByRole("button", { name: "Continue as the other account" }).click();
  await expect(switchPage.getByRole("heading", { name: "Welcome, grace@example.com" })).toBeVisible();

  // Ada's sign-in grant ended with her session; Grace has her own user.
  expect(await accounts()).toEqual(
    expect.arrayContaining([
      { providerAccountId: ADA_ID, hasToken: false },
      { providerAccountId: GRACE_ID, hasToken: true },
    ]),
  );
  expect(await accounts()).toHaveLength(2);
  expect(await isLiveAtEmulator(ada.accessToken!)).toBe(false);
  const { rows } = await withDatabase((db) =>
    db.query(`SELECT u.email FROM "Session" s JOIN "User" u ON u.id = s."userId"`),
  );
  expect(rows).toEqual([{ email: "grace@example.com" }]);
});
