// The token lifecycle through the real app: expiry, rotation, single flight
// across concurrent requests, a refused grant, revocation on the way out.
import { expect, test } from "./fixtures";
import { connectionTokens, expireConnection, resetDatabase, signInTokens, withDatabase } from "./db";
import { emulatorControl, refreshAtEmulator, refreshCount } from "./emulator";
import { connectOrganization, pickOrganization, signInAs } from "./flows";

test.use({ organization: "Nebula Labs" });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("after the access token expires the dashboard still renders with a rotated refresh token", async ({
  page,
}) => {
  // Tokens live 65 s: fresh for 5 s, then inside the app's 60 s refresh margin.
  await emulatorControl("settings", { access_token_ttl: 65 });
  await signInAs(page);
  await connectOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  const before = await connectionTokens("nebula-labs");

  await page.waitForTimeout(6_000);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();

  const after = await connectionTokens("nebula-labs");
  expect(after.refreshToken).toMatch(/^polar_rt_u_/);
  expect(after.refreshToken).not.toBe(before.refreshToken);
  expect(after.accessToken).not.toBe(before.accessToken);
  const reuse = await refreshAtEmulator(before.refreshToken!);
  expect(reuse.body.error).toBe("invalid_grant");
});

test("50 concurrent requests with an expired token cause one refresh, and all succeed", async ({
  connected: page,
}) => {
  await expireConnection("nebula-labs");
  const before = await refreshCount();

  const responses = await Promise.all(
    Array.from({ length: 50 }, () => page.request.get("/dashboard/nebula-labs")),
  );

  for (const response of responses) {
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Nebula Labs");
  }
  expect(await refreshCount()).toBe(before + 1);
});

test.describe(() => {
  test.use({ organization: "Acme Analytics" });

  test("a grant Polar refuses asks to reconnect that organization and keeps the rest", async ({
    connected: page,
  }) => {
    await connectOrganization(page, "Nebula Labs");
    const { refreshToken } = await connectionTokens("nebula-labs");
    await emulatorControl("revoke", { refresh_token: refreshToken });
    await expireConnection("nebula-labs");

    await page.goto("/dashboard/nebula-labs");
    await expect(page.getByRole("heading", { name: "Reconnect Nebula Labs" })).toBeVisible();
    expect((await connectionTokens("nebula-labs")).needsReconnect).toBe(true);

    await page.goto("/dashboard/acme-analytics");
    await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();

    await page.goto("/dashboard/nebula-labs");
    await page.getByRole("button", { name: "Reconnect organization" }).click();
    await pickOrganization(page, "Nebula Labs");
    await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
    expect((await connectionTokens("nebula-labs")).needsReconnect).toBe(false);
  });
});

test("sign-out and disconnect revoke the tokens at Polar and delete them", async ({ connected: page }) => {
  const organization = await connectionTokens("nebula-labs");

  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Disconnect Nebula Labs" }).click();
  await expect(page.getByRole("link", { name: /Nebula Labs/ })).toHaveCount(0);
  expect((await refreshAtEmulator(organization.refreshToken!)).body.error).toBe("invalid_grant");

  const signedIn = await signInTokens();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();
  const { rows } = await withDatabase((db) =>
    db.query(
      'SELECT access_token, refresh_token FROM "Account" UNION ALL SELECT access_token, refresh_token FROM "OrganizationConnection"',
    ),
  );
  expect(rows).toEqual([{ access_token: null, refresh_token: null }]);
  expect((await refreshAtEmulator(signedIn.refreshToken!)).body.error).toBe("invalid_grant");
});
