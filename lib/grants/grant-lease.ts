// The grant lease: which request may change a Polar grant's tokens (refresh,
// replace, revoke) right now, across requests and server instances.
//
// Polar rotates refresh tokens with no grace period: of two refreshes of one
// token the second costs the grant, and revoking a token that a refresh has just
// rotated away leaves its successor alive. So every change of a grant's tokens
// happens under its lease: two columns of the grant's row (grantLeaseId,
// grantLeaseUntil) claimed in one short statement. No database connection is
// held while the holder talks to Polar, and a request that finds the lease
// taken polls the row instead of waiting on a lock, so a slow Polar or a locked
// row ties up one grant, never the connection pool.
//
// Time budget (T = TOKEN_REQUEST_TIMEOUT_MS = 15 s, the time Polar gets to answer):
// - a holder makes at most two calls to Polar: the refresh and, when its answer
//   never came, one more to learn whether Polar rotated the token;
// - the lease lasts 2T + 15 s = 45 s, and a holder starts a call only while
//   T + 10 s of it remain: every call ends (answered or timed out) inside the
//   lease with 10 s left to store the answer, so an answer is never abandoned
//   before Polar could realistically send it;
// - a lease whose holder died (a crash, a killed function) expires after those
//   45 s and the next request takes it over;
// - a request that finds the lease taken (or the row locked by someone else)
//   polls every 50 ms to 0.5 s and gives up after the lease plus 5 s, 50 s.
//   Only requests for that one grant ever wait.
import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { TOKEN_REQUEST_TIMEOUT_MS } from "@/lib/polar/oauth";
import {
  ownerWhere,
  readGrant,
  type GrantData,
  type GrantOwner,
  type GrantRow,
  type GrantTable,
} from "./grant-row";

const STORE_MARGIN_MS = 10_000;
export const LEASE_MS = 2 * TOKEN_REQUEST_TIMEOUT_MS + 15_000;
export const WAIT_MS = LEASE_MS + 5_000;
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;

export interface Lease {
  table: GrantTable;
  grantId: string;
  id: string;
  /** Date.now() just before the claim was sent: the lease ends no earlier than LEASE_MS after it. */
  claimedAt: number;
  /**
   * It replaced an expired lease, whose holder died or gave up without knowing
   * what Polar did: a refresh it sent may have rotated the token.
   */
  tookOver: boolean;
}

/** Another request has held the grant (or a lock on its row) for longer than the lease. */
export class GrantBusyError extends Error {
  constructor(table: GrantTable, grantId: string) {
    super(
      `The Polar grant ${table} ${grantId} stayed busy for ${WAIT_MS / 1000} s: another request is refreshing, replacing or revoking its tokens, or its row is locked. Nothing was changed; try again.`,
    );
    this.name = "GrantBusyError";
  }
}

/**
 * Takes the grant's lease if it is free or expired, in one statement that never
 * waits: a row another transaction has locked is skipped (SKIP LOCKED), so that
 * request answers null, as when the lease is taken, and polls like any waiter.
 * The expiry is the database's clock, the same for every server instance.
 */
export async function claimLease(table: GrantTable, grantId: string): Promise<Lease | null> {
  const rows = Prisma.raw(`"${table}"`);
  const id = randomUUID();
  const claimedAt = Date.now();
  const claimed = await db.$queryRaw<{ tookOver: boolean }[]>`
    WITH free AS (
      SELECT id, "grantLeaseId" IS NOT NULL AS "tookOver" FROM ${rows}
      WHERE id = ${grantId} AND ("grantLeaseId" IS NULL OR "grantLeaseUntil" <= now())
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${rows} AS grant_row
    SET "grantLeaseId" = ${id}, "grantLeaseUntil" = now() + make_interval(secs => ${LEASE_MS / 1000}::float8)
    FROM free WHERE grant_row.id = free.id
    RETURNING free."tookOver"`;
  return claimed[0] ? { table, grantId, id, claimedAt, tookOver: claimed[0].tookOver } : null;
}

/** Whether the holder may still start a call to Polar (see the time budget). */
export function leaseHasRoomForCall(lease: Lease) {
  return Date.now() - lease.claimedAt + TOKEN_REQUEST_TIMEOUT_MS + STORE_MARGIN_MS <= LEASE_MS;
}

function leaseWhere(lease: Lease) {
  return { id: lease.grantId, grantLeaseId: lease.id };
}

async function updateLease(lease: Lease, data: { grantLeaseId?: null; grantLeaseUntil: Date | null }) {
  const where = leaseWhere(lease);
  if (lease.table === "Account") await db.account.updateMany({ where, data });
  else await db.organizationConnection.updateMany({ where, data });
}

/** Ends the lease with the tokens as they were: the next request may claim it at once. */
export function releaseLease(lease: Lease) {
  return updateLease(lease, { grantLeaseId: null, grantLeaseUntil: null });
}

/**
 * Ends the lease without knowing what Polar did with the refresh token: it stays
 * on the row, expired, so the request that takes it over knows (Lease.tookOver).
 */
export function abandonLease(lease: Lease) {
  return updateLease(lease, { grantLeaseUntil: new Date(0) });
}

/**
 * Writes `data` and ends the lease in one statement, if the lease is still
 * ours (compare-and-set on its id): false when the grant was deleted or the
 * lease expired and was taken over meanwhile.
 */
export async function updateUnderLease<T extends GrantTable>(
  lease: Lease & { table: T },
  owner: GrantOwner,
  data: GrantData<T>,
) {
  const where = { ...leaseWhere(lease), ...ownerWhere(lease.table, owner) };
  const released = { ...data, grantLeaseId: null, grantLeaseUntil: null };
  const { count } =
    lease.table === "Account"
      ? await db.account.updateMany({ where, data: released as GrantData<"Account"> })
      : await db.organizationConnection.updateMany({
          where,
          data: released as GrantData<"OrganizationConnection">,
        });
  return count === 1;
}

/** Deletes the grant if the lease is still ours. */
export async function deleteUnderLease(lease: Lease) {
  const where = leaseWhere(lease);
  const { count } =
    lease.table === "Account"
      ? await db.account.deleteMany({ where })
      : await db.organizationConnection.deleteMany({ where });
  return count === 1;
}

/**
 * Runs `step` until it returns something other than undefined, sleeping between
 * tries (50 ms doubling to 0.5 s, with jitter) and holding no connection while
 * it sleeps; throws GrantBusyError once WAIT_MS have passed.
 */
export async function pollGrant<T>(
  table: GrantTable,
  grantId: string,
  step: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (let delay = FIRST_POLL_MS; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const result = await step();
    if (result !== undefined) return result;
    if (Date.now() + delay > deadline) throw new GrantBusyError(table, grantId);
    await sleep(delay * (0.75 + Math.random() / 2));
  }
}

/**
 * Runs `change` on the grant under its lease, waiting for the lease if another
 * request holds it, with the row as read under the lease (so its tokens are the
 * current ones). `change` answers false when its compare-and-set write found
 * the lease lost; then it runs again under a new lease. Null if the grant is
 * gone.
 */
export async function changeUnderLease<T extends GrantTable>(
  table: T,
  grantId: string,
  change: (lease: Lease & { table: T }, row: GrantRow) => Promise<boolean>,
): Promise<true | null> {
  // A lease is lost only when its holder stalls for longer than the lease: a
  // third time in a row means something else is wrong.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const lease = await pollGrant(table, grantId, async () => {
      const claimed = await claimLease(table, grantId);
      if (claimed) return claimed as Lease & { table: T };
      return (await readGrant(table, grantId)) ? undefined : null;
    });
    if (!lease) return null;
    const row = await readGrant(table, grantId);
    if (!row) return null;
    try {
      if (await change(lease, row)) return true;
    } catch (error) {
      await releaseLease(lease);
      throw error;
    }
  }
  throw new GrantBusyError(table, grantId);
}
