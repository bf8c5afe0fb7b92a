import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expireConnection, resetDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { connectOrganization, signInAs } from "./flows";

async function expectNoSeriousViolations(page: Page, name: string) {
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${name} (${page.url()})`).toEqual([]);
}

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on any page (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await expectNoSeriousViolations(page, "landing");
    await page.goto("/auth/error?error=Configuration");
    await expectNoSeriousViolations(page, "sign-in error page");

    await signInAs(page);
    await expectNoSeriousViolations(page, "user dashboard");
    await connectOrganization(page, "Acme Analytics");
    await expect(page).toHaveURL(/\/dashboard\/acme-analytics$/);
    await expectNoSeriousViolations(page, "organization overview");
    for (const list of ["products", "orders", "customers?page=2", "subscriptions"]) {
      await page.goto(`/dashboard/acme-analytics/${list}`);
      await expectNoSeriousViolations(page, list);
    }
    await page.getByText("Switch organization").click();
    await expectNoSeriousViolations(page, "switcher open");

    // A 429 pauses every call of the app: slow Polar down so that all six panels
    // have asked before the first answer arrives, as on a real network.
    await emulatorControl("settings", { latency_ms: 200 });
    await emulatorControl("api-failures", { status: 403, path: "/v1/orders" });
    await emulatorControl("api-failures", { status: 429, path: "/v1/products" });
    await emulatorControl("api-failures", { status: 500, path: "/v1/customers" });
    await page.goto("/dashboard/acme-analytics");
    await expect(page.getByRole("alert").filter({ hasText: "Polar is not answering" })).toBeVisible();
    await expectNoSeriousViolations(page, "panel errors");

    // Polar failing the token refresh fails the whole organization: its error page.
    await expireConnection("acme-analytics");
    await emulatorControl("token-failures", { error: "server_error", status: 500 });
    await page.goto("/dashboard/acme-analytics");
    await expect(page.getByRole("heading", { name: "This page couldn’t be loaded" })).toBeVisible();
    await expectNoSeriousViolations(page, "organization error page");

    await page.goto("/dashboard/not-connected");
    await expect(page.getByRole("heading", { name: "Organization not found" })).toBeVisible();
    await expectNoSeriousViolations(page, "not found");
  });
}
