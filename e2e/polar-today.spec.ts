// Polar as it is today, through the app in Chromium (issue 21): a sign-in that
// shares only chosen organizations, and the day Polar stops serving the API
// version the app speaks.
import { expect, test } from "./fixtures";
import { resetDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { connectOrganization } from "./flows";

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("a sign-in that shares only some organizations lists those, says how to list the others, and connects any", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
  await page.getByRole("radio", { name: "Specific organizations" }).check();
  await page.getByRole("checkbox", { name: /Acme Analytics/ }).check();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  const listed = page.getByRole("region", { name: "Your organizations on Polar" });
  await expect(listed.getByRole("button", { name: "Connect Acme Analytics" })).toBeVisible();
  await expect(listed.getByText("Nebula Labs")).toHaveCount(0);
  await expect(listed.locator("[data-chosen-organizations]")).toContainText("All organizations");

  // Connecting asks Polar's picker, which offers every membership.
  await connectOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
});

test("a sign-in that shares all organizations says nothing of choosing", async ({ signedIn: page }) => {
  const listed = page.getByRole("region", { name: "Your organizations on Polar" });
  await expect(listed.getByRole("button", { name: "Connect Nebula Labs" })).toBeVisible();
  await expect(listed.locator("[data-chosen-organizations]")).toHaveCount(0);
});

test("the day Polar stops serving the app's API version, the page says to upgrade, never showing empty panels", async ({
  connected: page,
}) => {
  await emulatorControl("api-versions", { accepted: ["2026-04"] });

  // The first view learns it from Polar's answers; from then on the page says it once.
  await page.goto("/dashboard/acme-analytics");
  await expect(page.locator('[data-problem="api-version"]').first()).toBeVisible();
  await page.goto("/dashboard/acme-analytics");
  await expect(
    page.getByRole("heading", { name: "Polar no longer serves this app’s API version" }),
  ).toBeVisible();
  await expect(page.locator('[data-problem="api-version"]')).toHaveCount(1);
  await expect(page.getByText("2026-10")).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent orders" })).toHaveCount(0);

  await page.goto("/dashboard");
  const listed = page.getByRole("region", { name: "Your organizations on Polar" });
  await expect(listed.locator('[data-problem="api-version"]')).toContainText("@polar-sh/sdk");
});
