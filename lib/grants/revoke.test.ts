// A revocation that never reaches Polar (nothing listens at its address) is
// queued in the revocation outbox and logged without the token.
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { setUpDatabase } from "@/test-support/integration";

let revokeGrant: typeof import("./revoke").revokeGrant;
const db = setUpDatabase();

// The app reads the Polar server when its modules load: this file runs in the
// isolated project (vitest.config.ts), whose files each load them afresh.
beforeAll(async () => {
  // Nothing listens here: every call to "Polar" fails.
  process.env.POLAR_EMULATOR_URL = "http://127.0.0.1:9";
  ({ revokeGrant } = await import("./revoke"));
});

afterEach(() => vi.restoreAllMocks());

it("queues a revocation that cannot reach Polar, logs it without the token, and does not throw", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await expect(
    revokeGrant({
      id: "grant-1",
      access_token: "polar_at_o_secret_access",
      refresh_token: "polar_rt_o_secret_refresh",
    }),
  ).resolves.toBeUndefined();

  expect(warn).toHaveBeenCalledTimes(1);
  const logged = warn.mock.calls.flat().join(" ");
  expect(logged).toMatch(/grant grant-1 \(refresh_token\): TypeError: fetch failed/);
  expect(logged).not.toMatch(/polar_(at|rt)_/);
  const queued = await db.revocationOutbox.findMany();
  expect(queued).toMatchObject([{ token: "polar_rt_o_secret_refresh", tokenTypeHint: "refresh_token" }]);
  expect(queued[0]!.lastError).not.toMatch(/polar_(at|rt)_/);
});
