// The revocation outbox against the real PostgreSQL and the Polar emulator: a
// revocation Polar refuses is stored encrypted, sent again after its backoff and
// deleted once Polar accepts it (the token is then dead at Polar); a refusal
// that cannot pass is dropped; two instances never claim one row.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NEBULA_ID } from "polar-emulator/seed";
import type { TokenSet } from "polar-emulator/testing";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";
import { needsServerReason } from "@/test-support/one-session";

let outbox: typeof import("./revocation-outbox");
let revokeGrant: typeof import("./revoke").revokeGrant;
let grants: PolarSetUp["grants"];
const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });

const db = setUpEmulator(async (polar) => {
  grants = polar.grants;
  outbox = await import("./revocation-outbox");
  ({ revokeGrant } = await import("./revoke"));
});

beforeAll(() => raw.connect());
afterEach(() => vi.restoreAllMocks());
afterAll(() => raw.end());

const TOKEN = /polar_(at|rt)_/;
const stored = async () => (await raw.query('SELECT * FROM "RevocationOutbox" ORDER BY "createdAt"')).rows;
/** Time passes: every row is due. */
const makeDue = () =>
  raw.query(`UPDATE "RevocationOutbox" SET "nextAttemptAt" = now() - interval '1 second'`);
/** Seconds from now until the row's next attempt. */
const secondsUntil = (row: { nextAttemptAt: Date }) => (row.nextAttemptAt.getTime() - Date.now()) / 1000;

/** A live grant of Nebula Labs whose revocation Polar answers first with `statuses`, in order. */
async function grantWithFailures(...statuses: (401 | 500 | 503)[]): Promise<TokenSet> {
  const tokens = await grants.organizationGrant(NEBULA_ID);
  for (const status of statuses) await grants.control("revocation-failures", { status });
  return tokens;
}

const endGrant = (tokens: TokenSet) =>
  revokeGrant({ id: "grant-1", access_token: tokens.access_token, refresh_token: tokens.refresh_token });

const logged = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.flat().join("\n");

describe("a revocation Polar does not confirm", () => {
  it("goes to the outbox, encrypted and bound to its row, and is logged without the token", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const tokens = await grantWithFailures(503);

    await endGrant(tokens);

    const [row] = await stored();
    expect(row).toMatchObject({ tokenTypeHint: "refresh_token", attempts: 1 });
    expect(row.token).toMatch(/^enc:v2:/);
    expect(row.token).not.toMatch(TOKEN);
    expect(row.lastError).toMatch(/^503, OperationProcessingError: /);
    expect(secondsUntil(row)).toBeGreaterThan(25);
    expect(secondsUntil(row)).toBeLessThanOrEqual(30);
    const read = await db.revocationOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(read.token).toBe(tokens.refresh_token);
    expect(logged(warn)).toMatch(/Polar did not revoke grant grant-1 \(refresh_token\): 503/);
    expect(logged(warn)).not.toMatch(TOKEN);
    expect(await grants.isLive(tokens.access_token)).toBe(true);

    // Bound to its row: the ciphertext copied to another row does not open.
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await raw.query(
      `INSERT INTO "RevocationOutbox" SELECT 'copy', token, "tokenTypeHint", attempts, "nextAttemptAt", "lastError", "createdAt" FROM "RevocationOutbox"`,
    );
    expect((await db.revocationOutbox.findUniqueOrThrow({ where: { id: "copy" } })).token).toBeNull();
    expect(logged(error)).toMatch(/RevocationOutbox copy token cannot be decrypted/);
  });

  it("is sent again after its backoff, which doubles, and deleted once Polar accepts it", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    const tokens = await grantWithFailures(503, 500);
    await endGrant(tokens);

    // Not due yet: nothing is sent.
    expect(await outbox.retryRevocations()).toEqual({ revoked: 0, dropped: 0, failed: 0 });
    expect((await stored())[0].attempts).toBe(1);

    await makeDue();
    expect(await outbox.retryRevocations()).toEqual({ revoked: 0, dropped: 0, failed: 1 });
    const [row] = await stored();
    expect(row).toMatchObject({ attempts: 2, lastError: expect.stringMatching(/^500, /) });
    expect(secondsUntil(row)).toBeGreaterThan(55);
    expect(secondsUntil(row)).toBeLessThanOrEqual(60);
    expect(await grants.isLive(tokens.access_token)).toBe(true);

    await makeDue();
    expect(await outbox.retryRevocations()).toEqual({ revoked: 1, dropped: 0, failed: 0 });
    expect(await stored()).toEqual([]);
    expect(await grants.isLive(tokens.access_token)).toBe(false);
    expect(await grants.refreshError(tokens.refresh_token)).toBe("invalid_grant");
  });

  it("waits at most an hour between attempts", () => {
    expect([1, 2, 3, 7, 8, 30].map(outbox.retryDelaySeconds)).toEqual([30, 60, 120, 1920, 3600, 3600]);
  });
});

describe("a refusal that sending again cannot change (a 4xx such as invalid_client)", () => {
  it("is logged without the token and dropped, on the first attempt or a later one", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await endGrant(await grantWithFailures(401));
    expect(await stored()).toEqual([]);
    expect(logged(error)).toMatch(
      /Polar refused to revoke grant grant-1 \(refresh_token\) \(401 invalid_client/,
    );

    await endGrant(await grantWithFailures(503, 401));
    expect(await stored()).toHaveLength(1);
    await makeDue();
    expect(await outbox.retryRevocations()).toEqual({ revoked: 0, dropped: 1, failed: 0 });
    expect(await stored()).toEqual([]);
    expect(logged(error)).toMatch(
      /Polar refused to revoke outbox \S+ \(refresh_token\) \(401 invalid_client/,
    );
    expect(logged(error)).not.toMatch(TOKEN);
  });
});

describe("claiming due rows", () => {
  async function queue(count: number) {
    for (let i = 0; i < count; i++) {
      await db.revocationOutbox.create({
        data: {
          id: `row-${i}`,
          token: `polar_rt_u_unknown_${i}`,
          tokenTypeHint: "refresh_token",
          attempts: 1,
          nextAttemptAt: new Date(Date.now() - 1000),
          lastError: "503 temporarily_unavailable",
        },
      });
    }
  }

  it("gives each row to one of two instances claiming at once", async () => {
    await queue(30);
    const [first, second] = await Promise.all([
      outbox.claimDueRevocations(20),
      outbox.claimDueRevocations(20),
    ]);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].sort()).toEqual((await stored()).map((row) => row.id).sort());
    expect(await outbox.claimDueRevocations(20)).toEqual([]);
  });

  it("skips a row another transaction has locked instead of waiting for it", async (context) => {
    const needsServer = await needsServerReason();
    if (needsServer) return context.skip(needsServer);
    await queue(3);
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT id FROM "RevocationOutbox" WHERE id = 'row-0' FOR UPDATE`);
      const claimed = await Promise.race([
        outbox.claimDueRevocations(20),
        new Promise((resolve) => setTimeout(() => resolve("waited"), 3_000)),
      ]);
      expect(claimed).toEqual(expect.arrayContaining(["row-1", "row-2"]));
      expect(claimed).toHaveLength(2);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
  });
});
