// The cron route's work (lib/cron/revocations.ts) against PostgreSQL and the
// Polar emulator: only Vercel Cron's secret runs it, and it sends the due
// revocations of the outbox again.
import { describe, expect, it, vi } from "vitest";
import { NEBULA_ID } from "polar-emulator/seed";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";

const CRON_SECRET = "test-cron-secret-0123456789";
let revocationCron: typeof import("./revocations").revocationCron;
let revokeGrant: typeof import("@/lib/grants/revoke").revokeGrant;
let grants: PolarSetUp["grants"];

const db = setUpEmulator(async (polar) => {
  grants = polar.grants;
  vi.stubEnv("CRON_SECRET", CRON_SECRET);
  ({ revocationCron } = await import("./revocations"));
  ({ revokeGrant } = await import("@/lib/grants/revoke"));
});

const call = (authorization?: string) =>
  revocationCron(
    new Request("http://localhost/api/cron/revocations", { headers: authorization ? { authorization } : {} }),
  );

describe("the cron route", () => {
  it("refuses a call without CRON_SECRET, and with it sends the due rows again", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    // A grant whose revocation Polar first answers with 503: it goes to the outbox.
    const tokens = await grants.organizationGrant(NEBULA_ID);
    await grants.control("revocation-failures", { status: 503 });
    await revokeGrant({
      id: "grant-1",
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
    });
    await db.revocationOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });

    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${CRON_SECRET}x`)).status).toBe(401);
    expect((await call(CRON_SECRET)).status).toBe(401);
    expect(await db.revocationOutbox.count()).toBe(1);

    const response = await call(`Bearer ${CRON_SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: 1, dropped: 0, failed: 0 });
    expect(await db.revocationOutbox.count()).toBe(0);
    expect(await grants.isLive(tokens.access_token)).toBe(false);
  });
});
