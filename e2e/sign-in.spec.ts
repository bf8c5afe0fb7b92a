import { expect, test } from "@playwright/test";
import { withDatabase } from "./db";
import { connectOrganization, signIn } from "./flows";

test("signs in with Polar, connects the second organization, signs out", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();

  await connectOrganization(page, "Nebula Labs");
  await expect(page).toHaveURL(/\/dashboard\/nebula-labs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();

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
