// Disconnecting an organization while Polar refuses revocations: the page works
// and the token waits, encrypted, in the revocation outbox; once Polar accepts,
// the cron route, or the next dashboard request on a server instance, revokes
// it, and Polar no longer knows the token.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectionTokens, makeOutboxDue, outboxRows, resetDatabase } from "./db";
import { emulatorControl, isLiveAtEmulator, refreshAtEmulator } from "./emulator";
import { e2eEnv } from "../test-support/e2e-env";
import { nextStart } from "./next-start";

const freshPort = Number(e2eEnv.PORT) + 4;

test.use({ organization: "Nebula Labs" });

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

/** On a page connected to Nebula Labs, disconnects it while Polar answers revocations with 503; returns its tokens. */
async function disconnectWhilePolarRefuses(page: Page) {
  const tokens = await connectionTokens("nebula-labs");
  await emulatorControl("revocation-failures", { status: 503 });
  await page.getByRole("button", { name: "Disconnect Nebula Labs" }).click();
  await expect(page.getByRole("button", { name: "Disconnect Nebula Labs" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
  expect((await emulatorControl("stats")).revocation_failures).toBe(1);
  return tokens;
}

const cronCall = (page: Page, authorization?: string) =>
  page.request.get("/api/cron/revocations", { headers: authorization ? { authorization } : {} });

test("a disconnect Polar refuses to revoke waits in the outbox until the cron route revokes it", async ({
  connected: page,
}) => {
  const { refreshToken, accessToken } = await disconnectWhilePolarRefuses(page);

  const [row] = await outboxRows();
  expect(row).toMatchObject({ token: refreshToken, tokenTypeHint: "refresh_token", attempts: 1 });
  expect(row!.stored).toMatch(/^enc:v2:/);
  expect(row!.stored).not.toContain(refreshToken!);
  expect(await isLiveAtEmulator(accessToken!)).toBe(true);

  await makeOutboxDue();
  expect((await cronCall(page)).status()).toBe(401);
  expect((await cronCall(page, "Bearer not-the-secret")).status()).toBe(401);
  const response = await cronCall(page, `Bearer ${e2eEnv.CRON_SECRET}`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ revoked: 1, dropped: 0, failed: 0 });

  expect(await outboxRows()).toEqual([]);
  expect(await isLiveAtEmulator(accessToken!)).toBe(false);
  expect((await refreshAtEmulator(refreshToken!)).body.error).toBe("invalid_grant");
});

test("the next dashboard request of a server instance sends due revocations after its response", async ({
  connected: page,
}) => {
  const { refreshToken, accessToken } = await disconnectWhilePolarRefuses(page);
  await makeOutboxDue();

  // A server instance that has not sent the outbox in the last minute: a new one.
  const app = nextStart(freshPort, { AUTH_URL: `http://localhost:${freshPort}` });
  try {
    await app.ready;
    await page.goto(`http://localhost:${freshPort}/dashboard`);
    await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
    await expect.poll(outboxRows).toEqual([]);
  } finally {
    app.stop();
  }
  expect(await isLiveAtEmulator(accessToken!)).toBe(false);
  expect((await refreshAtEmulator(refreshToken!)).body.error).toBe("invalid_grant");
});
