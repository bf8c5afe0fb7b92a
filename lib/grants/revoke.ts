import "server-only";
import { changeUnderLease, deleteUnderLease, updateUnderLease } from "./grant-lease";
import type { GrantData, GrantTable } from "./grant-row";
import { revokeOrQueue } from "./revocation-outbox";

/**
 * Ends a grant at Polar. Polar keeps an access token and its refresh token in
 * one row and revoking either revokes both, so one call suffices: the refresh
 * token, or the access token when there is none. When Polar does not confirm
 * it, the token is kept in the revocation outbox and sent again later
 * (lib/grants/revocation-outbox.ts), so the caller may forget the grant.
 */
export async function revokeGrant(grant: {
  id: string;
  access_token: string | null;
  refresh_token: string | null;
}) {
  const [token, hint] = grant.refresh_token
    ? ([grant.refresh_token, "refresh_token"] as const)
    : ([grant.access_token, "access_token"] as const);
  if (token) await revokeOrQueue(token, hint, `grant ${grant.id}`);
}

// Replacing and ending a grant take its lease (lib/grants/grant-lease.ts) like a
// refresh does, so the tokens they read are the current ones: a refresh in
// flight finishes (and stores its answer) first. Otherwise they could revoke a
// token the refresh has just rotated away, leave its successor alive at Polar,
// and the refresh would then store that successor over the new grant.

/**
 * Stores a new grant (a new sign-in, a reconnect) in the grant's row and revokes
 * the one it replaces. False if the row is gone.
 */
export async function replaceGrant<T extends GrantTable>(table: T, id: string, data: GrantData<T>) {
  const replaced = await changeUnderLease(table, id, async (lease, row) => {
    if (!(await updateUnderLease(lease, row, data))) return false;
    await revokeGrant(row);
    return true;
  });
  return replaced !== null;
}

/**
 * Revokes the grant at Polar, then forgets it: deletes its row, or writes
 * `forget` (its tokens cleared). False if the row is gone.
 */
export async function endGrant<T extends GrantTable>(table: T, id: string, forget: "delete" | GrantData<T>) {
  const ended = await changeUnderLease(table, id, async (lease, row) => {
    await revokeGrant(row);
    return forget === "delete" ? deleteUnderLease(lease) : updateUnderLease(lease, row, forget);
  });
  return ended !== null;
}
