// One user never reaches another user's organization: not by URL, not by a
// tampered form. Each user's connections are their own grants.
import { expect, test } from "./fixtures";
import { resetDatabase, withDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { connectOrganization, signInAs } from "./flows";

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("a user can connect several organizations and switch between them", async ({ connected: page }) => {
  await connectOrganization(page, "Nebula Labs");
  await page.goto("/dashboard");
  await page
    .getByRole("link", { name: /Acme Analytics/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  await page.goto("/dashboard");
  await page
    .getByRole("link", { name: /Nebula Labs/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
});

test.describe(() => {
  test.use({ organization: "Nebula Labs" });

  test("another user's organization is not reachable by URL or by a tampered form", async ({
    connected: ada,
    browser,
  }) => {
    await expect(ada.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();

    const grace = await browser.newPage();
    await signInAs(grace, "Grace Hopper");
    const response = await grace.goto("/dashboard/nebula-labs");
    expect(response?.status()).toBe(404);
    await expect(grace.getByRole("heading", { name: "Nebula Labs" })).toHaveCount(0);

    // Grace connects her own organization, then rewrites her disconnect form to
    // name Ada's organization.
    await connectOrganization(grace, "Compiler Club", "Grace Hopper");
    await grace.goto("/dashboard");
    const { rows } = await withDatabase((db) =>
      db.query(
        `SELECT "organizationId" FROM "OrganizationConnection" WHERE "organizationSlug" = 'nebula-labs'`,
      ),
    );
    const nebulaId: string = rows[0].organizationId;
    await grace
      .locator('input[name="organizationId"]')
      .first()
      .evaluate((input, id) => ((input as HTMLInputElement).value = id), nebulaId);
    await grace.getByRole("button", { name: "Disconnect Compiler Club" }).click();
    await expect(grace).toHaveURL(/\/dashboard$/);

    const { rows: left } = await withDatabase((db) =>
      db.query(`SELECT "organizationSlug" FROM "OrganizationConnection" ORDER BY "organizationSlug"`),
    );
    expect(left.map((r) => r.organizationSlug)).toEqual(["compiler-club", "nebula-labs"]);
    await ada.reload();
    await expect(ada.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  });
});
