import { expect, type Page } from "@playwright/test";

/** Signs in through the emulator's login and consent pages as a seeded user. */
export async function signIn(page: Page, user = "Ada Lovelace") {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  await page.getByRole("button", { name: `Continue as ${user}` }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Runs the organization flow (sub_type=organization) and picks `organization`. */
export async function connectOrganization(page: Page, organization: string, user = "Ada Lovelace") {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Connect an organization" }).click();
  const continueAs = page.getByRole("button", { name: `Continue as ${user}` });
  const picker = page.getByRole("radio", { name: organization });
  await expect(continueAs.or(picker)).toBeVisible();
  if (await continueAs.isVisible()) await continueAs.click();
  await picker.check();
  await page.getByRole("button", { name: "Allow" }).click();
}
