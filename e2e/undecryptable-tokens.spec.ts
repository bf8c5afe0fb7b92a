// A stored token the app cannot decrypt (encrypted under a key it no longer
// has) counts as absent: that grant asks to be renewed, the rest of the user's
// data keeps working, sign-in replaces it, and the log names the row, never
// the ciphertext.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./fixtures";
import { connectionTokens, resetDatabase, signInTokens, storeForeignCiphertext } from "./db";
import { emulatorControl } from "./emulator";
import { artifacts } from "../test-support/e2e-env";
import { connectOrganization, pickOrganization, signInAs } from "./flows";

const appLog = () => readFile(path.join(artifacts, "app.log"), "utf8");

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("an organization token under an unknown key asks to reconnect that organization only", async ({
  connected: page,
}) => {
  await connectOrganization(page, "Nebula Labs");
  const { id, ciphertexts } = await storeForeignCiphertext("OrganizationConnection", "nebula-labs");

  const response = await page.goto("/dashboard/nebula-labs");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Reconnect Nebula Labs" })).toBeVisible();
  await page.goto("/dashboard/acme-analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();

  const log = await appLog();
  expect(log).toContain(id);
  for (const ciphertext of ciphertexts) expect(log).not.toContain(ciphertext.split(":").slice(3).join(":"));

  // Connecting again stores a new grant the app can read.
  await page.goto("/dashboard/nebula-labs");
  await page.getByRole("button", { name: "Reconnect organization" }).click();
  await pickOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  const renewed = await connectionTokens("nebula-labs");
  expect(renewed).toMatchObject({
    needsReconnect: false,
    refreshToken: expect.stringMatching(/^polar_rt_u_/),
  });
});

test("a sign-in token under an unknown key does not stop sign-out or the next sign-in, which replaces it", async ({
  signedIn: page,
}) => {
  const { id } = await storeForeignCiphertext("Account");

  const response = await page.goto("/dashboard");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Your Polar sign-in has ended")).toBeVisible();
  expect(await appLog()).toContain(id);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();

  await storeForeignCiphertext("Account");
  await signInAs(page);
  await expect(page.getByRole("heading", { name: "Welcome, ada@example.com" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect Acme Analytics" })).toBeVisible();
  expect(await signInTokens()).toMatchObject({
    needsReconnect: false,
    refreshToken: expect.stringMatching(/^polar_rt_u_/),
  });
});
