import "server-only";
import { refreshFailure, refreshTokens, type PolarTokens } from "@/lib/polar/oauth";
import { subjectTypeOf } from "./grant-tokens";
import {
  abandonLease,
  changeUnderLease,
  claimLease,
  leaseHasRoomForCall,
  pollGrant,
  releaseLease,
  updateUnderLease,
  type Lease,
} from "./grant-lease";
import { readGrant, type GrantRow, type GrantTable } from "./grant-row";
import { revokeGrant } from "./revoke";

/** Refresh this long before Polar's expiry, so a token never expires mid-request. */
export const REFRESH_MARGIN_SECONDS = 60;

function isFresh(row: GrantRow) {
  return (
    row.access_token !== null &&
    (row.expires_at === null || row.expires_at - REFRESH_MARGIN_SECONDS > Date.now() / 1000)
  );
}

/**
 * What `row` settles for a request that found `seen` in need of a refresh: the
 * access token to use (refreshed or replaced meanwhile, or still fresh), null
 * when Polar refused the grant, undefined when the refresh is still to be done.
 */
function settled(row: GrantRow, seen: GrantRow): string | null | undefined {
  if (row.needsReconnect) return null;
  const replaced = row.refreshedAt?.getTime() !== seen.refreshedAt?.getTime();
  if (row.access_token && (replaced || isFresh(row))) return row.access_token;
  return undefined;
}

/**
 * A usable access token for the grant, or null when there is none and the user
 * must reconnect (the row says why: reconnectReason).
 *
 * Polar rotates refresh tokens with no grace period, so one request refreshes
 * under the grant's lease (lib/grants/grant-lease.ts) and any number of others,
 * on any server instance, poll the row until its new token is stored. Nobody
 * holds a database connection meanwhile.
 */
export async function freshAccessToken(table: GrantTable, id: string): Promise<string | null> {
  const seen = await readGrant(table, id);
  if (!seen || seen.needsReconnect) return null;
  if (isFresh(seen)) return seen.access_token;

  let leaseSeen: string | null = null;
  return pollGrant(table, id, async () => {
    const lease = await claimLease(table, id);
    if (lease) return refreshUnderLease(lease, seen);
    const row = await readGrant(table, id);
    if (!row) return null;
    const token = settled(row, seen);
    if (token !== undefined) return token;
    // Signed out meanwhile: its tokens are gone.
    if (!row.access_token && !row.refresh_token) return null;
    // The holder released the lease without a new token: Polar answered it
    // with an error that left the token as it was. Its request reports that
    // error; trying again at once from every waiter would only repeat it.
    if (leaseSeen && !row.grantLeaseId)
      throw new Error(`Another request's refresh of ${table} ${id} failed just now; its token is unchanged.`);
    leaseSeen = row.grantLeaseId ?? leaseSeen;
    return undefined;
  });
}

/** The refresh itself, by the request holding the lease. */
async function refreshUnderLease(lease: Lease, seen: GrantRow): Promise<string | null> {
  const current = await readGrant(lease.table, lease.grantId);
  if (!current) return null;
  const token = settled(current, seen);
  if (token !== undefined) {
    await releaseLease(lease);
    return token;
  }
  if (!current.refresh_token) {
    await updateUnderLease(lease, current, { needsReconnect: true, reconnectReason: null });
    return null;
  }

  // Whether a refresh of this token may have reached Polar without its answer
  // reaching the database: the lease's previous holder's, or our own.
  let answerMayBeLost = lease.tookOver;
  for (let attempt = 1; ; attempt++) {
    if (!leaseHasRoomForCall(lease)) {
      await abandonLease(lease);
      throw new Error(
        `Too little of the lease on ${lease.table} ${lease.grantId} is left for another call to Polar.`,
      );
    }
    let tokens: PolarTokens;
    try {
      tokens = await refreshTokens(current.refresh_token);
    } catch (error) {
      const failure = refreshFailure(error);
      if (failure === "rejected") {
        await updateUnderLease(lease, current, {
          needsReconnect: true,
          reconnectReason: answerMayBeLost ? "answer_lost" : "refused",
          access_token: null,
          refresh_token: null,
        });
        return null;
      }
      if (failure === "kept") {
        await (answerMayBeLost ? abandonLease(lease) : releaseLease(lease));
        throw error;
      }
      answerMayBeLost = true;
      // No answer: if Polar did rotate the token, a second refresh of the same
      // token gets invalid_grant, which settles the grant at once (reconnect)
      // instead of leaving the next page to find out.
      if (failure === "unanswered" && attempt === 1) continue;
      await abandonLease(lease);
      throw error;
    }
    return storeRefreshed(lease, current, tokens);
  }
}

/**
 * Stores Polar's answer if the lease is still ours. If it is not (the grant was
 * disconnected, replaced, or our lease expired and was taken over), the tokens
 * just received are revoked, so no live grant is left that nobody holds.
 */
async function storeRefreshed(lease: Lease, current: GrantRow, tokens: PolarTokens): Promise<string | null> {
  const stored = await updateUnderLease(lease, current, {
    ...tokens,
    // Polar may leave out a new refresh token (the old one stays valid) or the
    // scope (it is unchanged: an empty one would read as "everything granted").
    refresh_token: tokens.refresh_token ?? current.refresh_token,
    scope: tokens.scope || current.scope,
    id_token: tokens.id_token ?? undefined,
    subjectType: subjectTypeOf(tokens.access_token),
    refreshedAt: new Date(),
  });
  if (stored) return tokens.access_token;
  await revokeGrant({ id: lease.grantId, ...tokens });
  const now = await readGrant(lease.table, lease.grantId);
  return now && !now.needsReconnect ? now.access_token : null;
}

/**
 * After Polar answered 401 to `rejected`, decided under the grant's lease (so a
 * refresh in flight stores its answer first): the token that replaced it, when
 * a concurrent refresh rotated it away (Polar revokes the old access token the
 * moment a refresh rotates the grant), for one more try; otherwise null, and
 * the grant is marked for reconnecting at once, so nothing cached is served
 * through it any more (Polar revoked it: the person removed the app, or the
 * organization began enforcing SSO). Its refresh token stays, for Disconnect
 * to revoke.
 */
export async function refusedAccessToken(
  table: GrantTable,
  id: string,
  rejected: string,
): Promise<string | null> {
  let replacement: string | null = null;
  await changeUnderLease(table, id, async (lease, row) => {
    if (row.needsReconnect || (row.access_token && row.access_token !== rejected)) {
      replacement = row.needsReconnect ? null : row.access_token;
      await releaseLease(lease);
      return true;
    }
    return updateUnderLease(lease, row, { needsReconnect: true, reconnectReason: "revoked" });
  });
  return replacement;
}
