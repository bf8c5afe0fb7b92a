// Faults around a token refresh through the real app (issue 10): a refresh
// Polar answers late holds up only its own organization's pages, and a refresh
// whose answer is lost ends in "Reconnect", saying why, never an error page.
import { expect, test } from "./fixtures";
import { connectionTokens, expireConnection, resetDatabase, withDatabase } from "./db";
import { emulatorControl, refreshCount } from "./emulator";
import { pickOrganization } from "./flows";

test.use({ organization: "Nebula Labs" });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("a refresh Polar answers after 9.5 s holds up only that organization's pages, and none past its wait", async ({
  connected: page,
}) => {
  await expireConnection("nebula-labs");
  const original = await connectionTokens("nebula-labs");
  await emulatorControl("token-delays", { delay_ms: 9_500, grant_type: "refresh_token" });
  const before = await refreshCount();

  const started = Date.now();
  const organizationPages = Promise.all(
    Array.from({ length: 12 }, () => page.request.get("/dashboard/nebula-labs")),
  );
  await expect.poll(refreshCount).toBe(before + 1);

  // The page the issue saw time out after 15 s, while all 12 wait on the refresh.
  const dashboardStarted = Date.now();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  // "Your organizations on Polar": read from Polar with the sign-in token.
  await expect(page.getByRole("link", { name: /open Nebula Labs/ })).toBeVisible();
  const dashboardMs = Date.now() - dashboardStarted;
  // ...before Polar answered the refresh: the grant still holds its old token.
  expect((await connectionTokens("nebula-labs")).refreshToken).toBe(original.refreshToken);

  const responses = await organizationPages;
  const answeredMs = Date.now() - started;
  console.info(
    `Slow Polar, end to end: /dashboard rendered in ${dashboardMs} ms while 12 pages of the organization waited; they answered after ${(answeredMs / 1000).toFixed(2)} s, with ${(await refreshCount()) - before} refresh`,
  );
  // A page waits 6 s for a token (lib/grants/grant-call.ts), then says Polar is
  // not answering rather than hang; the refresh goes on and stores its answer.
  expect(answeredMs).toBeLessThan(9_500);
  for (const response of responses) {
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Can’t confirm your access to Nebula Labs");
  }
  await expect
    .poll(async () => (await connectionTokens("nebula-labs")).refreshToken, { timeout: 10_000 })
    .not.toBe(original.refreshToken);
  await page.goto("/dashboard/nebula-labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  expect(await refreshCount()).toBe(before + 1);
});

test("a refresh whose answer Polar never sends ends in Reconnect, saying so, and reconnecting restores it", async ({
  connected: page,
}) => {
  await expireConnection("nebula-labs");
  // Polar rotates the token, then the connection closes without its answer.
  await emulatorControl("token-delays", { delay_ms: 0, drop: true, grant_type: "refresh_token" });
  const before = await refreshCount();

  await page.goto("/dashboard/nebula-labs");
  await expect(page.getByRole("heading", { name: "Reconnect Nebula Labs" })).toBeVisible();
  await expect(page.getByText("during a token refresh, but its answer never reached the app")).toBeVisible();
  // The lost refresh, then one that Polar answered invalid_grant.
  expect(await refreshCount()).toBe(before + 2);
  expect(await connectionTokens("nebula-labs")).toMatchObject({
    needsReconnect: true,
    accessToken: null,
    refreshToken: null,
  });
  const { rows } = await withDatabase((db) =>
    db.query(`SELECT "reconnectReason", "grantLeaseId" FROM "OrganizationConnection"`),
  );
  expect(rows).toEqual([{ reconnectReason: "answer_lost", grantLeaseId: null }]);

  await page.getByRole("button", { name: "Reconnect organization" }).click();
  await pickOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  const { rows: after } = await withDatabase((db) =>
    db.query(`SELECT "needsReconnect", "reconnectReason" FROM "OrganizationConnection"`),
  );
  expect(after).toEqual([{ needsReconnect: false, reconnectReason: null }]);
});
