import { expect, test } from "@playwright/test";
import { resetDatabase, withDatabase } from "./db";
import { artifacts } from "./env";
import { emulatorControl } from "./emulator";
import { pickOrganization } from "./flows";

const shot = (name: string) => ({ path: `${artifacts}/screenshots/${name}.png`, fullPage: true });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("signs in with Polar, connects the second organization, signs out", async ({ page }) => {
  await page.goto("/");
  await page.screenshot(shot("1-sign-in"));
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await page.screenshot(shot("2-emulator-login"));
  await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
  await expect(page.getByText("Read your email address")).toBeVisible();
  await page.screenshot(shot("3-consent"));
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, ada@example.com" })).toBeVisible();
  await page.screenshot(shot("4-dashboard-user"));

  await page.getByRole("button", { name: "Connect an organization" }).click();
  await pickOrganization(page, "Nebula Labs", {
    beforeAllow: () => page.screenshot(shot("5-organization-picker")),
  });
  await expect(page).toHaveURL(/\/dashboard\/nebula-labs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  await page.screenshot(shot("6-dashboard-organization"));
  const stored = await withDatabase(async (db) => {
    const { rows } = await db.query(
      `SELECT c."organizationSlug", c."subjectType", a.provider
         FROM "OrganizationConnection" c JOIN "Account" a ON a."userId" = c."userId"`,
    );
    return rows;
  });
  expect(stored).toEqual([{ organizationSlug: "nebula-labs", subjectType: "organization", provider: "polar" }]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
  await page.goto("/dashboard/nebula-labs");
  await expect(page).toHaveURL(/\/\?callbackUrl=/);
});
