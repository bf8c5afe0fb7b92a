import { expect, type Page } from "@playwright/test";

/**
 * Signs in as a seeded user through the emulator's login and consent pages,
 * each of which Polar skips when it remembers the session or the consent.
 */
export async function signInAs(page: Page, user = "Ada Lovelace") {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Polar" }).click();
  const continueAs = page.getByRole("button", { name: `Continue as ${user}` });
  const allow = page.getByRole("button", { name: "Allow" });
  const dashboard = page.getByRole("heading", { name: /^Welcome, / });
  for (;;) {
    await expect(continueAs.or(allow).or(dashboard).first()).toBeVisible();
    if (await dashboard.isVisible()) break;
    await ((await continueAs.isVisible()) ? continueAs : allow).click();
  }
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Waits until every streamed panel has replaced its skeleton. */
export const settled = (page: Page) =>
  expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);

/**
 * On the emulator after the app started the organization flow: signs in there
 * if asked, picks `organization` and allows access.
 */
export async function pickOrganization(
  page: Page,
  organization: string,
  { user = "Ada Lovelace", beforeAllow }: { user?: string; beforeAllow?: () => Promise<unknown> } = {},
) {
  const continueAs = page.getByRole("button", { name: `Continue as ${user}` });
  const picker = page.getByRole("radio", { name: organization });
  await expect(continueAs.or(picker).first()).toBeVisible();
  if (await continueAs.isVisible()) await continueAs.click();
  await picker.check();
  await beforeAllow?.();
  await page.getByRole("button", { name: "Allow" }).click();
}

/** Runs the organization flow (sub_type=organization) from the dashboard. */
export async function connectOrganization(page: Page, organization: string, user = "Ada Lovelace") {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Connect an organization" }).click();
  await pickOrganization(page, organization, { user });
}
