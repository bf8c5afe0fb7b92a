import { afterEach, beforeAll, expect, it, vi } from "vitest";

let revokeGrant: typeof import("./revoke").revokeGrant;

beforeAll(async () => {
  // Nothing listens here: every call to "Polar" fails.
  process.env.POLAR_EMULATOR_URL = "http://127.0.0.1:9";
  ({ revokeGrant } = await import("./revoke"));
});

afterEach(() => vi.restoreAllMocks());

it("logs a failed revocation without the token and does not throw", async () => {
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
  expect(logged).toContain("grant-1");
  expect(logged).not.toMatch(/polar_(at|rt)_/);
});
